/** Syscheck (file integrity monitoring): scans, per-agent results, last scan and clearing old agents' data. */
export {
  FIM_MODEL,
  FIM_SUMMARY_MODEL,
  FIM_CLEAR_MAX_VERSION,
  clearFimEntries,
  lastFimScan,
  lastScanDates,
  listFimEntries,
  requireAgentDatabase,
  type ClearDeps,
  type FimFilterName,
  type FimQuery,
  type LastScan,
  type ListResult,
  type MonitoringStore,
} from './fim';
export { restartScans, sendToAgents, agentQueueMessage, queueFailure, SYSCHECK_RESTART } from './scan';
export type { ArQueue, ScanDeps } from './scan';
export {
  agentFacts,
  compareWazuhVersions,
  idRestriction,
  inactiveAgents,
  oneAgentFacts,
  parseWazuhVersion,
  systemAgentIds,
  type AgentFacts,
} from './agents';
export { byAgentId, emptyOutcome, outcomeToResult, type FailedItem, type ItemOutcome, type OutcomeOptions } from './outcome';
export {
  readList,
  type ListPage,
  type WdbActor,
  type WdbCallOptions,
  type WdbClient,
  type WdbReader,
  type WdbRow,
  type WdbSqlOptions,
} from './wdb';

/** Result messages of the syscheck operations (Wazuh's texts). */
export const SYSCHECK_MESSAGES = {
  run: {
    all: 'Syscheck scan was restarted on returned agents',
    some: 'Syscheck scan was not restarted on some agents',
    none: 'No syscheck scan was restarted',
  },
  clear: {
    all: 'Syscheck database was cleared on returned agents',
    some: 'Syscheck database was not cleared on some agents',
    none: 'No syscheck database was cleared',
  },
  files: {
    all: 'FIM findings of the agent were returned',
    some: '',
    none: 'No FIM information was returned',
  },
  lastScan: {
    all: 'Last syscheck scan of the agent was returned',
    some: '',
    none: 'No last scan information was returned',
  },
} as const;
export { createMonitoringDeps, type MonitoringClients, type MonitoringDeps } from './deps';
