/** Agents: listings, summaries, registration, keys, group assignment, restarts, upgrades and remote queries. */
export { AGENT_MODEL, AGENT_FIELD_FILTERS, MANAGER_ID, padAgentId, unifyVersionFilter } from './model';
export type { AgentFieldFilter, AgentFilters } from './model';
export type { AgentDeps, CallOpts } from './ports';
export { createAgentDeps, type AgentClients } from './deps';
export { ALL, allowedOf, except, isEmptyScope, only, scopeAllows, type Scope } from './scope';
export type { Outcome } from './outcome';
export { openQuery, runQuery, wdbRows, wdbScalar, type ListResult, type PagedList } from './wdb-sql';
export {
  agentsById,
  allAgentIds,
  countAgentsBy,
  distinctAgentValues,
  existingAgentIds,
  inGroup,
  lastRegisteredAgent,
  listAgents,
  listAgentsWithoutGroup,
  listGroupAgents,
  listOutdatedAgents,
  NOT_MANAGER,
  openAgentList,
  outdatedOnly,
  summarizeOs,
  summarizeStatus,
  withoutGroup,
  type AgentListRequest,
} from './list';
export { addAgent, agentKeys, deleteAgents, AGENT_NAME_MAX, type DeleteRequest, type NewAgent } from './registry';
export {
  assignAgentsToGroup,
  groupMemberIds,
  removeAgentFromGroup,
  removeAgentFromGroups,
  removeAgentsFromGroup,
  MAX_GROUPS_PER_AGENT,
} from './group-assign';
export { reconnectAgents, restartAgents, restartMessage, reconnectMessage } from './commands';
export { upgradeAgents, upgradeResults, type UpgradeOptions } from './upgrade';
export {
  agentActiveConfiguration,
  agentComponentStats,
  agentConfiguration,
  agentDaemonStats,
  requireConfigurationReports,
} from './remote';
export { agentState, agentStates, idScope, systemAgentIds, type AgentState } from './lookup';
export {
  ACTIVE_CONFIG_VERSION,
  JSON_AR_VERSION,
  compareWazuhVersions,
  parseWazuhVersion,
  versionAtLeast,
  type WazuhVersion,
} from './version';
export { agentsSyncStatus, multigroupHash } from './sync';
