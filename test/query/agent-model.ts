/**
 * A model of Wazuh's `agent` table (global.db) as `GET /agents` exposes it; the tests use it as a realistic
 * resource, and the agents module can start from it.
 */
import { defineQueryModel } from '../../src/core/query';

/** `Wazuhv4.2.0` -> `Wazuh v4.2.0`: Wazuh rewrites a letter glued to the `v` of a version this way. */
const spaceBeforeV = (value: string) => value.replace(/([a-zA-Z])(v)/g, '$1 $2');

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
    version: { sql: 'version', normalize: spaceBeforeV },
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
