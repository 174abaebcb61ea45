/**
 * `GET /groups`: the groups wazuh-db knows with how many agents each has (one `GROUP BY` in global.db), plus the
 * checksums of their `merged.mg` and `agent.conf`, then filtered, sorted and paged with the query language.
 */
import { join } from 'node:path';
import { runQuery } from '../agents/wdb-sql';
import type { CallOpts, WazuhDbPort } from '../agents/ports';
import { groupRestriction, type Scope } from '../agents/scope';
import { defineQueryModel, type QueryParams, queryArray } from '../query';
import type { WazuhPaths } from '../paths';
import { fileHash } from './hash';

/** Groups and their member counts as stored in global.db. */
export const GROUP_COUNT_MODEL = defineQueryModel({
  name: 'group counts',
  from: '`group` LEFT JOIN belongs ON id = id_group',
  groupBy: 'name',
  fields: {
    name: { sql: 'name' },
    count: { sql: 'count(id_group)', type: 'number', aggregate: true },
  },
  defaultSort: { field: 'name', order: 'asc' },
});

/** The fields users query groups by (`count`, `name`, and the checksums of the group's files). */
const GROUP_LIST_MODEL = defineQueryModel({
  name: 'groups',
  from: 'groups',
  fields: {
    name: { sql: 'name' },
    count: { sql: '"count"', type: 'number' },
    mergedSum: { sql: 'merged_sum' },
    configSum: { sql: 'config_sum' },
  },
  alwaysSelect: ['name'],
  defaultSort: { field: 'name', order: 'asc' },
});

export interface GroupListRequest {
  /** Groups named by the caller (after RBAC); undefined means every group of `scope`. */
  names?: readonly string[];
  scope: Scope;
  params: QueryParams;
  /** Checksum algorithm for `mergedSum` and `configSum` (md5 by default). */
  hash?: string;
}

export async function listGroups(
  wdb: WazuhDbPort,
  paths: WazuhPaths,
  request: GroupListRequest,
  call: CallOpts = {},
): Promise<{ items: Record<string, unknown>[]; total: number }> {
  const scope: Scope = request.names ? { kind: 'only', values: new Set(request.names) } : request.scope;
  const stored = await runQuery(
    wdb,
    GROUP_COUNT_MODEL,
    { limit: null, select: ['name', 'count'] },
    { restrict: groupRestriction(scope) },
    { noCount: true, call },
  );
  const rows = stored.items.map((item) => {
    const name = String(item.name);
    const folder = join(paths.shared, name);
    return {
      name,
      count: Number(item.count ?? 0),
      merged_sum: fileHash(join(folder, 'merged.mg'), request.hash) ?? null,
      config_sum: fileHash(join(folder, 'agent.conf'), request.hash) ?? null,
    };
  });
  return queryArray(
    GROUP_LIST_MODEL,
    { name: 'groups', columns: { name: 'TEXT', count: 'INTEGER', merged_sum: 'TEXT', config_sum: 'TEXT' } },
    rows,
    request.params,
  );
}
