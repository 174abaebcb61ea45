/**
 * The manager: daemon states, basic information, live component configuration, configuration checks, daemon
 * statistics, restart and ruleset reload, log queries and the update check. Files and sockets only; results are
 * shaped by `src/framework/manager.ts`.
 */
export {
  BASIC_SERVICES,
  MANAGER_DAEMONS,
  checkDaemonsReady,
  managerStatus,
  type DaemonState,
  type DaemonStatuses,
  type ManagerDaemon,
  type StatusOptions,
} from './status';
export { WAZUH_VERSION, getInstallationUid, getManagerInfo, timezoneName, timezoneOffset, type ManagerInfo } from './info';
export {
  COMPONENT_CONFIGURATIONS,
  checkComponentConfiguration,
  componentSocket,
  isKnownComponent,
  requireKnownComponent,
  type ComponentProtocol,
  type ComponentSocket,
} from './components';
export { COMPONENT_SOCKET_CODES, componentConfigError, getManagerActiveConfiguration, type ConfigData } from './active-config';
export { CHECK_CONFIG_COMMAND, parseExecdVerdict, validateOssecConf, type ValidationVerdict } from './validation';
export { RESTART_COMMAND, requestManagerRestart, restartMessage } from './restart';
export { RELOAD_RULESET_COMMAND, parseReloadReply, reloadMessage, reloadRuleset, type ReloadOutcome } from './reload';
export { STATS_DAEMONS, epochToOffsetDate, getDaemonStats, statsSocket, type StatsDaemon } from './daemon-stats';
export { MANAGER_LOGS_MODEL, queryManagerLogs, type LogEntry, type LogQuery } from './logs';
export {
  UPDATE_CHECK_TIMEOUT_MS,
  UpdateCheckService,
  queryUpdateCheckService,
  updateInformationResult,
  updateInformationTemplate,
  type UpdateInformation,
  type UpdateQueryResult,
} from './update-check';
export { jsonRequest, type DaemonJsonReply, type ManagerPorts, type PortCallOptions, type RequestPort, type SocketCodes } from './ports';
export { createManagerPorts, type ClosableManagerPorts, type ManagerPortsOptions } from './ipc-ports';
