/**
 * The API configuration as Wazuh models it: the merged dictionary of `api.yaml` over the defaults, with Wazuh's key
 * names, so `GET /manager/api/config` can answer it as is.
 */

export type ApiLogLevel = 'disabled' | 'info' | 'warning' | 'error' | 'debug' | 'debug2';
export type SslProtocol = 'tls' | 'tlsv1' | 'tlsv1.1' | 'tlsv1.2' | 'auto';

interface Allow {
  allow: boolean;
}

interface AllowWithExceptions extends Allow {
  exceptions: string[];
}

export interface ApiConfig {
  host: string[];
  port: number;
  drop_privileges: boolean;
  experimental_features: boolean;
  max_upload_size: number;
  authentication_pool_size: number;
  intervals: { request_timeout: number };
  https: {
    enabled: boolean;
    /** Absolute paths once loaded: the file names of api.yaml joined to `api/configuration/ssl/`. */
    key: string;
    cert: string;
    use_ca: boolean;
    ca: string;
    ssl_protocol: SslProtocol;
    ssl_ciphers: string;
  };
  logs: {
    level: ApiLogLevel;
    format: 'plain' | 'json' | 'plain,json' | 'json,plain';
    max_size: { enabled: boolean; size: string };
    /** Deprecated, accepted and ignored. */
    path?: string;
  };
  cors: {
    enabled: boolean;
    source_route: string;
    expose_headers: string | string[];
    allow_headers: string | string[];
    allow_credentials: boolean;
  };
  access: { max_login_attempts: number; block_time: number; max_request_per_minute: number };
  upload_configuration: {
    remote_commands: { localfile: AllowWithExceptions; wodle_command: AllowWithExceptions };
    limits: { eps: Allow };
    agents: { allow_higher_versions: Allow };
    indexer: Allow;
    integrations: { virustotal: { public_key: Allow & { minimum_quota: number } } };
  };
  /** Deprecated, accepted and ignored. */
  use_only_authd?: boolean;
  /** Deprecated, accepted and ignored (a warning is logged when `enabled` is true). */
  cache?: { enabled?: boolean; time?: number };
}

/** A start-up failure caused by `api.yaml`; the message names the offending key. */
export class ApiConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ApiConfigError';
  }
}
