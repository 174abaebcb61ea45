/**
 * File integrity monitoring results kept by wazuh-db in each agent's database (`queue/db/NNN.db`): the `fim_entry`
 * table (`GET /syscheck/{agent_id}`), the FIM row of `scan_info` (`.../last_scan`) and clearing the table, which
 * only agents older than 3.12 rely on (`DELETE /syscheck/{agent_id}`).
 */
import { compareWazuhVersions } from '../agents/version';
import { WazuhError } from '../errors';
import {
  compileQuery,
  defineQueryModel,
  formatEpochOffset,
  type FieldDef,
  type NamedFilterDef,
  type QueryParams,
} from '../query';
import {
  byAgentId,
  lastScanDates,
  readItems,
  requireAgentDatabase,
  requireAgentState,
  targetAgents,
  targetStates,
  type ItemOutcome,
  type LastScan,
  type ListResult,
  type MonitoringStore,
  type WdbCallOptions,
} from '../monitoring';

/** Database dates; Wazuh shows a zero (never set) as null. */
const dbDate = (value: unknown) => (value === 0 || value === '0' || value === '' ? null : formatEpochOffset(value));

const FIELDS: Record<string, FieldDef> = {
  file: { sql: 'file' },
  type: { sql: 'type' },
  date: { sql: 'date', type: 'date', format: dbDate },
  mtime: { sql: 'mtime', type: 'date', format: dbDate },
  changes: { sql: 'changes', type: 'number' },
  size: { sql: 'size', type: 'number' },
  perm: { sql: 'perm', format: 'json' },
  uid: { sql: 'uid' },
  gid: { sql: 'gid' },
  uname: { sql: 'uname' },
  gname: { sql: 'gname' },
  md5: { sql: 'md5' },
  sha1: { sql: 'sha1' },
  sha256: { sql: 'sha256' },
  inode: { sql: 'inode', type: 'number' },
  attributes: { sql: 'attributes' },
  arch: { sql: 'arch' },
  'value.name': { sql: 'value_name' },
  'value.type': { sql: 'value_type' },
  // The table's key: never shown, but it keeps pages stable when many entries share an mtime.
  full_path: { sql: 'full_path', hidden: true, search: false },
};

/** With `summary=true` only these fields exist for select, sort, q and search. */
const SUMMARY_FIELDS = ['file', 'date', 'mtime'];

const FILTERS: Record<string, NamedFilterDef> = {
  type: { field: 'type' },
  md5: { field: 'md5' },
  sha1: { field: 'sha1' },
  sha256: { field: 'sha256' },
  file: { field: 'file' },
  arch: { field: 'arch' },
  'value.name': { field: 'value.name' },
  'value.type': { field: 'value.type' },
  /** Any of the three checksums. */
  hash: { template: '(md5=$value,sha1=$value,sha256=$value)' },
};

function fimModel(summary: boolean) {
  const fields: Record<string, FieldDef> = {};
  for (const [name, def] of Object.entries(FIELDS)) {
    const outside = summary && !SUMMARY_FIELDS.includes(name);
    fields[name] = outside ? { ...def, hidden: true, search: false } : def;
  }
  return defineQueryModel({
    name: summary ? 'syscheck summary' : 'syscheck',
    from: 'fim_entry',
    fields,
    alwaysSelect: ['file'],
    defaultSort: { field: 'mtime', order: 'asc' },
    key: 'full_path',
    filters: FILTERS,
  });
}

export const FIM_MODEL = fimModel(false);
export const FIM_SUMMARY_MODEL = fimModel(true);

export type FimFilterName = keyof typeof FILTERS;

export interface FimQuery extends Omit<QueryParams, 'filters'> {
  /** Only file, date and mtime. */
  summary?: boolean;
  filters?: Partial<Record<FimFilterName, string>>;
}

/** `GET /syscheck/{agent_id}`. */
export async function listFimEntries(
  store: MonitoringStore,
  agentId: string,
  query: FimQuery,
  options: WdbCallOptions = {},
): Promise<ListResult> {
  const model = query.summary ? FIM_SUMMARY_MODEL : FIM_MODEL;
  const { summary: _summary, filters, ...params } = query;
  await requireAgentDatabase(store, agentId);
  const compiled = compileQuery(model, { ...params, filters });
  return readItems(store.wdb, `agent ${agentId}`, model, compiled, options);
}

/** `GET /syscheck/{agent_id}/last_scan`. An agent that never connected has no scan: both dates are null. */
export async function lastFimScan(
  store: MonitoringStore,
  agentId: string,
  options: WdbCallOptions = {},
): Promise<LastScan> {
  const agent = await requireAgentState(store.wdb, agentId, options);
  if (agent.version === undefined) return { start: null, end: null };
  await requireAgentDatabase(store, agentId);
  const [row] = await store.wdb.sql(
    `agent ${agentId}`,
    `SELECT start_scan AS "start", end_scan AS "end" FROM scan_info WHERE module = 'fim'`,
    options,
  );
  return lastScanDates(row?.start, row?.end, formatEpochOffset);
}

/** FIM data lives on the manager only for agents older than this. */
export const FIM_CLEAR_MAX_VERSION = 'v3.12.0';

export interface ClearDeps extends MonitoringStore {
  clientKeys: string;
}

/** `DELETE /syscheck/{agent_id}`: clears `fim_entry` of agents older than 3.12.0. */
export async function clearFimEntries(
  deps: ClearDeps,
  agentIds: readonly string[],
  options: WdbCallOptions = {},
): Promise<ItemOutcome<string>> {
  const targets = await targetAgents(deps.clientKeys, agentIds);
  const { outcome } = targets;
  for (const agent of await targetStates(deps.wdb, targets, undefined, options)) {
    if (agent.version === undefined) {
      outcome.failed.push({ id: agent.id, error: new WazuhError(1015) });
    } else if (compareWazuhVersions(agent.version, FIM_CLEAR_MAX_VERSION) >= 0) {
      outcome.failed.push({
        id: agent.id,
        error: new WazuhError(1760, { extra: `Agent version should be < ${FIM_CLEAR_MAX_VERSION}.` }),
      });
    } else {
      try {
        await deps.wdb.sql(`agent ${agent.id}`, 'DELETE FROM fim_entry', options);
        outcome.affected.push(agent.id);
      } catch (error) {
        if (!(error instanceof WazuhError)) throw error;
        outcome.failed.push({ id: agent.id, error });
      }
    }
  }
  outcome.affected.sort(byAgentId);
  return outcome;
}
