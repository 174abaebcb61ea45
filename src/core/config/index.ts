export { defaultApiConfig, DEFAULT_API_YAML } from './defaults';
export { ensureInstallLayout } from './layout';
export { loadApiConfig, parseApiConfig, parseLogSize } from './load';
export { LOG_LEVELS } from './schema';
export { ApiConfigError, type ApiConfig, type ApiLogLevel, type SslProtocol } from './types';
