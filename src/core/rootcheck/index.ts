/**
 * Rootcheck (policy monitoring and rootkit detection) results kept by wazuh-db in each agent's database, table
 * `pm_event`: listing findings (`GET /rootcheck/{agent_id}`), the last scan (`.../last_scan`), clearing them
 * (`DELETE /rootcheck/{agent_id}`, wazuh-db's own `rootcheck delete` command). Scans are started like syscheck's.
 *
 * A finding's status is not stored: it is `outstanding` when the finding was seen within a day of the end of the
 * last scan, `solved` otherwise. The scan start/end markers are rows of the same table and are never listed.
 */
import { WazuhError } from '../errors';
import {
  byAgentId,
  lastScanDates,
  readItems,
  requireAgentDatabase,
  requireAgentState,
  targetAgents,
  type ItemOutcome,
  type LastScan,
  type ListResult,
  type MonitoringStore,
  type WdbCallOptions,
  type WdbClient,
} from '../monitoring';
import { compileQuery, defineQueryModel, formatEpochZ, type QueryParams } from '../query';

export { restartScans as restartRootcheckScans } from '../syscheck';

const SCAN_MARKERS = "('Starting rootcheck scan.', 'Ending rootcheck scan.', 'Starting syscheck scan.', 'Ending syscheck scan.')";
const LAST_END = "(SELECT date_last-86400 FROM pm_event WHERE log = 'Ending rootcheck scan.')";

/** Each finding with its computed status (the same statement Wazuh sends for `status=all`). */
const WITH_STATUS =
  `(SELECT 'outstanding' AS status, date_first, date_last, log, pci_dss, cis FROM pm_event AS t WHERE date_last > ${LAST_END}` +
  ` UNION SELECT 'solved' AS status, date_first, date_last, log, pci_dss, cis FROM pm_event AS t WHERE date_last <= ${LAST_END})`;

export const ROOTCHECK_MODEL = defineQueryModel({
  name: 'rootcheck',
  from: WITH_STATUS,
  where: `log NOT IN ${SCAN_MARKERS}`,
  fields: {
    status: { sql: 'status' },
    log: { sql: 'log' },
    date_first: { sql: 'date_first', type: 'date', format: 'dateZ' },
    date_last: { sql: 'date_last', type: 'date', format: 'dateZ' },
    pci_dss: { sql: 'pci_dss' },
    cis: { sql: 'cis' },
  },
  defaultSort: { field: 'date_last', order: 'desc' },
  filters: {
    status: { field: 'status' },
    pci_dss: { field: 'pci_dss' },
    cis: { field: 'cis' },
  },
});

export const ROOTCHECK_STATUSES = ['all', 'outstanding', 'solved'] as const;

export interface RootcheckQuery extends Omit<QueryParams, 'filters'> {
  /** `all` (default), `outstanding` or `solved`. */
  status?: string;
  pci_dss?: string;
  cis?: string;
}

/** `GET /rootcheck/{agent_id}`. */
export async function listRootcheck(
  store: MonitoringStore,
  agentId: string,
  query: RootcheckQuery,
  options: WdbCallOptions = {},
): Promise<ListResult> {
  const { status = 'all', pci_dss, cis, ...params } = query;
  if (!(ROOTCHECK_STATUSES as readonly string[]).includes(status.toLowerCase())) throw new WazuhError(1603, { extra: status });
  await requireAgentState(store.wdb, agentId, options);
  await requireAgentDatabase(store, agentId);
  const compiled = compileQuery(ROOTCHECK_MODEL, { ...params, filters: { status: status.toLowerCase(), pci_dss, cis } });
  return readItems(store.wdb, `agent ${agentId}`, ROOTCHECK_MODEL, compiled, options);
}

/** `GET /rootcheck/{agent_id}/last_scan`: the latest start and end markers. */
export async function lastRootcheckScan(
  store: MonitoringStore,
  agentId: string,
  options: WdbCallOptions = {},
): Promise<LastScan> {
  await requireAgentState(store.wdb, agentId, options);
  const latest = (marker: string) =>
    store.wdb.scalar(`agent ${agentId}`, `SELECT max(date_last) FROM pm_event WHERE log = '${marker}'`, options);
  const end = await latest('Ending rootcheck scan.');
  const start = await latest('Starting rootcheck scan.');
  return lastScanDates(start, end, formatEpochZ);
}

export interface RootcheckClearDeps {
  wdb: Pick<WdbClient, 'rootcheckDelete'>;
  clientKeys: string;
}

/** `DELETE /rootcheck/{agent_id}`. */
export async function clearRootcheck(
  deps: RootcheckClearDeps,
  agentIds: readonly string[],
  options: WdbCallOptions = {},
): Promise<ItemOutcome<string>> {
  const { outcome, known } = await targetAgents(deps.clientKeys, agentIds);
  for (const id of known.sort(byAgentId)) {
    try {
      await deps.wdb.rootcheckDelete(id, options);
      outcome.affected.push(id);
    } catch (error) {
      if (!(error instanceof WazuhError)) throw error;
      outcome.failed.push({ id, error });
    }
  }
  return outcome;
}

export const ROOTCHECK_MESSAGES = {
  run: {
    all: 'Rootcheck scan was restarted on returned agents',
    some: 'Rootcheck scan was not restarted on some agents',
    none: 'No rootcheck scan was restarted',
  },
  clear: {
    all: 'Rootcheck database was cleared on returned agents',
    some: 'Rootcheck database was not cleared on some agents',
    none: 'No rootcheck database was cleared',
  },
  list: {
    all: 'All selected rootcheck information was returned',
    some: 'Some rootcheck information was not returned',
    none: 'No rootcheck information was returned',
  },
  lastScan: {
    all: 'Last rootcheck scan of the agent was returned',
    some: '',
    none: 'No last scan information was returned',
  },
} as const;
