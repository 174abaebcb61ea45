/**
 * The `agent` table of global.db as the API exposes it: API field names, the SQL behind each, how values are
 * filtered and shown. Every agent listing (`GET /agents`, summaries, distinct values, group members, eligibility
 * checks before deleting or upgrading) compiles against this one model.
 */
import { defineQueryModel } from '../query';

/** `Wazuhv4.2.0` -> `Wazuh v4.2.0`: a letter glued to the `v` of a version gets its space back. */
const spaceBeforeV = (value: string) => value.replace(/([a-zA-Z])(v)/g, '$1 $2');

// Versions are `Wazuh vX.Y.Z`; sorting them as text puts v4.10 before v4.9, so sorting uses the three numbers.
const AFTER_V = "substr(version, instr(version, 'v') + 1)";
const AFTER_MAJOR = `substr(${AFTER_V}, instr(${AFTER_V}, '.') + 1)`;
const AFTER_MINOR = `substr(${AFTER_MAJOR}, instr(${AFTER_MAJOR}, '.') + 1)`;
const VERSION_SORT = [AFTER_V, AFTER_MAJOR, AFTER_MINOR].map((part) => `CAST(${part} AS INTEGER)`);

export const AGENT_MODEL = defineQueryModel({
  name: 'agents',
  from: 'agent',
  fields: {
    id: { sql: 'id', type: 'number', format: 'pad3', search: 'exact' },
    name: { sql: 'name' },
    ip: { sql: 'coalesce(ip,register_ip)' },
    status: { sql: 'connection_status' },
    'os.name': { sql: 'os_name' },
    'os.version': { sql: 'os_version', sortSql: ['CAST(os_major AS INTEGER)', 'CAST(os_minor AS INTEGER)'] },
    'os.platform': { sql: 'os_platform' },
    'os.codename': { sql: 'os_codename' },
    'os.major': { sql: 'os_major' },
    'os.minor': { sql: 'os_minor' },
    'os.uname': { sql: 'os_uname' },
    'os.arch': { sql: 'os_arch' },
    'os.build': { sql: 'os_build' },
    version: { sql: 'version', normalize: spaceBeforeV, sortSql: VERSION_SORT },
    manager: { sql: 'manager_host' },
    dateAdd: { sql: 'date_add', type: 'date', format: 'date' },
    lastKeepAlive: { sql: 'last_keepalive', type: 'date', format: 'date' },
    group: { sql: '`group`', type: 'list', format: 'split' },
    mergedSum: { sql: 'merged_sum' },
    configSum: { sql: 'config_sum' },
    node_name: { sql: 'node_name' },
    registerIP: { sql: 'register_ip' },
    disconnection_time: { sql: 'disconnection_time', type: 'number', format: 'date', omit: [0] },
    group_config_status: { sql: 'group_config_status' },
    status_code: { sql: 'status_code', type: 'number' },
    internal_key: { sql: 'internal_key', hidden: true, search: false },
  },
  alwaysSelect: ['id'],
  defaultSort: { field: 'id', order: 'asc' },
  key: 'id',
  dateGuard: 'id != 0',
  filters: {
    status: { field: 'status', split: true },
    group: { field: 'group', split: true },
    older_than: {
      template: '(lastKeepAlive>$value;status!=never_connected,dateAdd>$value;status=never_connected)',
      pattern: /^\d+[dhms]?$/,
      invalidCode: 1411,
      ignore: ['0s'],
    },
  },
});

/**
 * The query parameters of the agent endpoints that filter one field (`os.platform=ubuntu`...), in the order Wazuh
 * names them in its messages (the 1731 text of `DELETE /agents`).
 */
export const AGENT_FIELD_FILTERS = [
  'status',
  'older_than',
  'manager',
  'version',
  'group',
  'node_name',
  'name',
  'ip',
  'registerIP',
  'group_config_status',
  'os.version',
  'os.name',
  'os.platform',
] as const;

export type AgentFieldFilter = (typeof AGENT_FIELD_FILTERS)[number];
export type AgentFilters = Partial<Record<AgentFieldFilter, string | readonly string[]>>;

/**
 * Agent versions are stored as `Wazuh vX.Y.Z`; users may write `X.Y.Z`, `vX.Y.Z` or `wazuh X.Y.Z`. Comparison is
 * case-insensitive, so the case of `wazuh` does not matter.
 */
export function unifyVersionFilter(value: string): string {
  if (/^v?\d+\.\d+\.\d+$/i.test(value)) return `wazuh ${value.toLowerCase().startsWith('v') ? '' : 'v'}${value}`;
  if (/^wazuh \d+\.\d+\.\d+$/i.test(value)) return value.replace(' ', ' v');
  return value;
}

/** Agent ids as the API shows them: at least three digits. */
export function padAgentId(id: number | string): string {
  return String(id).padStart(3, '0');
}

/** Agent ids sort as numbers (`002` before `010`), as Wazuh sorts the agents of its answers. */
export function byAgentId(a: string, b: string): number {
  return Number(a) - Number(b);
}

export const MANAGER_ID = '000';
