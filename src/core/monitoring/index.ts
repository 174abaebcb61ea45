/**
 * What the monitoring modules (syscheck, rootcheck, active response, events, tasks, MITRE) share: their daemon
 * clients, wazuh-db list reads, per-item outcomes, the agents an action may target, messages to agents through
 * remoted's queue, and the agent databases.
 */
export { createMonitoringDeps, type MonitoringClients, type MonitoringDeps } from './deps';
export {
  readItems,
  readList,
  type ListPage,
  type ListResult,
  type WdbActor,
  type WdbCallOptions,
  type WdbClient,
  type WdbReader,
  type WdbRow,
  type WdbSqlOptions,
} from './wdb';
export {
  byAgentId,
  emptyOutcome,
  outcomeToResult,
  type FailedItem,
  type ItemOutcome,
  type OutcomeOptions,
} from './outcome';
export { requireAgentState, targetAgents, targetStates, type Targets } from './targets';
export { agentQueueMessage, queueFailure, sendToAgents, type ArQueue } from './agent-queue';
export { lastScanDates, requireAgentDatabase, type LastScan, type MonitoringStore } from './agent-db';
