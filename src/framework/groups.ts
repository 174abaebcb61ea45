/** The API-facing group operations: RBAC on `group:id`, then the core operation, then Wazuh's envelope. */
import { scopeAllows } from '../core/agents';
import * as groups from '../core/groups';
import { WazuhError, WazuhResourceNotFound } from '../core/errors';
import type { QueryParams } from '../core/query';
import { AffectedItemsResult, RawResult, WazuhResult } from '../core/results';
import { resultOf, targetsOf, type FrameworkCall } from './agents';
import { exposeIds, requireAllowed } from './rbac-filter';

const GROUP = 'group:id';

export const GROUP_MESSAGES = {
  read: {
    all: 'All selected groups information was returned',
    some: 'Some groups information was not returned',
    none: 'No group information was returned',
  },
  files: {
    all: 'All selected groups files were returned',
    some: 'Some groups files were not returned',
    none: 'No groups files were returned',
  },
  delete: {
    all: 'All selected groups were deleted',
    some: 'Some groups were not deleted',
    none: 'No group was deleted',
  },
};

/** `GET /groups`. Named groups without a folder are reported (1710). */
export async function getGroups(
  fc: FrameworkCall,
  args: { groupsList?: readonly string[]; params: QueryParams; hash?: string },
): Promise<AffectedItemsResult> {
  const targets = await targetsOf(fc.rbac, 'group:read', GROUP, args.groupsList);
  const failed: Array<[string, WazuhError]> = [];
  if (targets.ids) {
    const system = groups.groupNames(fc.deps.paths);
    for (const name of targets.ids) if (!system.has(name)) failed.push([name, new WazuhResourceNotFound(1710)]);
  }
  const list = await groups.listGroups(
    fc.deps.wdb,
    fc.deps.paths,
    { names: targets.ids, scope: targets.scope, params: args.params, hash: args.hash },
    { signal: fc.signal },
  );
  return resultOf<unknown>(GROUP_MESSAGES.read, { affected: [], failed }, targets, GROUP, [1710]).addPage(list);
}

/** `POST /groups`. */
export function createGroup(fc: FrameworkCall, groupId: string): WazuhResult {
  requireAllowed(fc.rbac, 'group:create');
  return new WazuhResult({ message: groups.createGroup(fc.deps.paths, groupId) });
}

/** `DELETE /groups`: the listed groups, or every group the caller may delete (`default` never goes). */
export async function deleteGroups(fc: FrameworkCall, groupsList?: readonly string[]): Promise<AffectedItemsResult> {
  const targets = await targetsOf(fc.rbac, 'group:delete', GROUP, groupsList);
  const system = groups.groupNames(fc.deps.paths);
  const names = targets.ids ?? [...system].filter((name) => scopeAllows(targets.scope, name)).sort();
  const outcome = { affected: [] as string[], failed: [] as Array<[string, WazuhError]> };
  for (const name of names) {
    if (!system.has(name)) outcome.failed.push([name, new WazuhResourceNotFound(1710)]);
    else if (name === groups.DEFAULT_GROUP) outcome.failed.push([name, new WazuhError(1712)]);
    else {
      groups.deleteGroupFolder(fc.deps.paths, name);
      outcome.affected.push(name);
    }
  }
  return resultOf(GROUP_MESSAGES.delete, outcome, targets, GROUP, [1710, 1712]);
}

/** `GET /groups/{group_id}/configuration`. */
export async function getGroupConfiguration(
  fc: FrameworkCall,
  group: string,
  offset?: number,
  limit?: number,
): Promise<WazuhResult> {
  await exposeIds(fc.rbac, 'group:read', GROUP, [group]);
  return new WazuhResult({ data: groups.readGroupConfiguration(fc.deps.paths, group, offset ?? 0, limit ?? 500) });
}

/** `PUT /groups/{group_id}/configuration`. */
export async function putGroupConfiguration(fc: FrameworkCall, group: string, content: string): Promise<WazuhResult> {
  await exposeIds(fc.rbac, 'group:update_config', GROUP, [group]);
  return new WazuhResult({ message: groups.uploadGroupConfiguration(fc.deps.paths, group, content) });
}

/** `GET /groups/{group_id}/files`. */
export async function getGroupFiles(
  fc: FrameworkCall,
  group: string,
  params: QueryParams,
  hash?: string,
): Promise<AffectedItemsResult> {
  await exposeIds(fc.rbac, 'group:read', GROUP, [group]);
  const result = new AffectedItemsResult(GROUP_MESSAGES.files);
  const files = groups.listGroupFiles(fc.deps.paths, group, params, hash);
  if (files.missing) {
    result.addFailedItem(group, new WazuhResourceNotFound(1710));
    return result;
  }
  return result.addPage(files);
}

/** `GET /groups/{group_id}/files/{file_name}`: JSON, or the file itself with `raw`. */
export async function getGroupFile(
  fc: FrameworkCall,
  group: string,
  fileName: string,
  options: { type?: string; raw?: boolean },
): Promise<WazuhResult | RawResult> {
  await exposeIds(fc.rbac, 'group:read', GROUP, [group]);
  const data = groups.readGroupFile(fc.deps.paths, group, fileName, options);
  if (options.raw) return new RawResult(String(data), groups.rawContentType(fileName));
  return new WazuhResult({ data });
}

