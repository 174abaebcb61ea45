/**
 * Whether an agent holds the latest shared configuration of its groups: the md5 it reported (`merged_sum`) against
 * the md5 of the `merged.mg` the manager would send it now (`etc/shared/<group>/` for one group,
 * `var/multigroups/<hash>/` for several).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WazuhError, WazuhResourceNotFound } from '../errors';
import { agentsById } from './list';
import { MANAGER_ID } from './model';
import { emptyOutcome, type Outcome } from './outcome';
import type { AgentDeps, CallOpts } from './ports';

/** Folder name of a multigroup: the first 8 hex digits of sha256 of the comma-joined group list. */
export function multigroupHash(groups: readonly string[]): string {
  return createHash('sha256').update(groups.join(',')).digest('hex').slice(0, 8);
}

function fileMd5(path: string): string | undefined {
  try {
    return createHash('md5').update(readFileSync(path)).digest('hex');
  } catch {
    return undefined;
  }
}

export function mergedFileOf(deps: AgentDeps, groups: readonly string[]): string {
  return groups.length > 1
    ? join(deps.paths.multigroups, multigroupHash(groups), 'merged.mg')
    : join(deps.paths.shared, groups[0], 'merged.mg');
}

/** `GET /agents/{id}/group/is_sync`. */
export async function agentsSyncStatus(
  deps: AgentDeps,
  ids: readonly string[],
  call: CallOpts = {},
): Promise<Outcome<{ id: string; synced: boolean }>> {
  const outcome = emptyOutcome<{ id: string; synced: boolean }>();
  const rows = await agentsById(deps.wdb, ids, ['id', 'group', 'mergedSum'], call);
  for (const id of new Set(ids)) {
    if (id === MANAGER_ID) {
      outcome.failed.push([id, new WazuhError(1703)]);
      continue;
    }
    const row = rows.get(id);
    if (!row) {
      outcome.failed.push([id, new WazuhResourceNotFound(1701)]);
      continue;
    }
    const groups = Array.isArray(row.group) ? (row.group as string[]) : [];
    const merged = groups.length > 0 ? fileMd5(mergedFileOf(deps, groups)) : undefined;
    const synced = merged !== undefined && row.mergedSum !== undefined && merged === row.mergedSum;
    outcome.affected.push({ id, synced });
  }
  outcome.affected.sort((a, b) => a.id.localeCompare(b.id));
  return outcome;
}
