/**
 * Agent ↔ group membership in global.db, kept the way wazuh-db keeps it: `belongs` rows ordered by priority,
 * and on the agent row the comma separated list (`group`), its short hash (`group_hash`: the first 8 hex digits of
 * the SHA-256 of that list) and `group_sync_status`. An agent left without groups goes back to `default`.
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { SqlDatabase } from './sql-database';

export type GroupSetMode = 'override' | 'append' | 'empty_only' | 'remove';
export const GROUP_SET_MODES: readonly GroupSetMode[] = ['override', 'append', 'empty_only', 'remove'];

/** Limits wazuh-db enforces on assignments. */
export const MAX_GROUPS_PER_AGENT = 128;
export const MAX_GROUP_NAME = 255;

export function groupHash(csv: string): string {
  return createHash('sha256').update(csv).digest('hex').slice(0, 8);
}

export function validGroupName(name: string): boolean {
  return name.length <= MAX_GROUP_NAME && /^[a-zA-Z0-9_.-]+$/.test(name) && name !== '.' && name !== '..';
}

export class AgentGroups {
  constructor(
    private readonly global: SqlDatabase,
    /** `etc/shared`: a group folder that exists there is registered on demand, as wazuh-modulesd would have. */
    private readonly sharedDir: string,
  ) {}

  /** Group id, registering the group when its folder exists but the table does not know it yet. */
  groupId(name: string): number | undefined {
    const row = this.global.statement('SELECT id FROM `group` WHERE name = ?').get(name) as { id: number } | undefined;
    if (row) return row.id;
    if (!validGroupName(name) || !isDirectory(join(this.sharedDir, name))) return undefined;
    this.global.statement('INSERT OR IGNORE INTO `group` (name) VALUES (?)').run(name);
    return (this.global.statement('SELECT id FROM `group` WHERE name = ?').get(name) as { id: number } | undefined)?.id;
  }

  /** Groups of an agent in priority order. */
  groupsOf(agentId: number): string[] {
    const rows = this.global
      .statement(
        'SELECT g.name AS name FROM belongs b JOIN `group` g ON g.id = b.id_group WHERE b.id_agent = ? ORDER BY b.priority',
      )
      .all(agentId) as Array<{ name: string }>;
    return rows.map((row) => row.name);
  }

  /** Applies one `set-agent-groups` command; false when any part failed (earlier parts stay applied, as in wazuh-db). */
  set(mode: GroupSetMode, syncStatus: string, data: unknown[]): boolean {
    let ok = true;
    const run = this.global.db.transaction(() => {
      for (const item of data) {
        const entry = item as { id?: unknown; groups?: unknown } | null;
        if (!entry || typeof entry.id !== 'number' || !Array.isArray(entry.groups)) {
          ok = false;
          continue;
        }
        const agentId = Math.trunc(entry.id);
        const groups = entry.groups;
        if (mode === 'remove') {
          if (!this.unassign(agentId, groups)) ok = false;
          if (!this.refreshAgentColumns(agentId, syncStatus)) ok = false;
          continue;
        }
        let priority = 0;
        if (mode === 'override') {
          this.global.statement('DELETE FROM belongs WHERE id_agent = ?').run(agentId);
        } else {
          const highest = this.maxPriority(agentId);
          if (highest >= 0) {
            if (mode === 'empty_only') continue;
            priority = highest + 1;
          }
        }
        if (!this.validate(agentId, groups)) {
          ok = false;
          continue;
        }
        if (!this.assign(agentId, groups, priority)) ok = false;
        if (!this.refreshAgentColumns(agentId, syncStatus)) ok = false;
      }
    });
    run();
    return ok;
  }

  /** Ids (above `lastId`, ascending) of the agents in a group. */
  agentIdsIn(group: string, lastId: number): Iterable<number> {
    const statement = this.global.statement(
      'SELECT b.id_agent FROM belongs b JOIN `group` g ON g.id = b.id_group WHERE g.name = ? AND b.id_agent > ? ORDER BY b.id_agent',
    );
    return statement.pluck(true).iterate(group, lastId) as Iterable<number>;
  }

  /**
   * Makes the `group` table match the group folders of `etc/shared`, as wazuh-modulesd does: folders become
   * groups, groups whose folder is gone are deleted. Returns the names added and removed.
   */
  syncWithFolders(folders: readonly string[]): { added: string[]; removed: string[] } {
    const wanted = new Set(folders.filter(validGroupName));
    const known = new Set(this.global.statement('SELECT name FROM `group`').pluck(true).all() as string[]);
    const added = [...wanted].filter((name) => !known.has(name));
    const removed = [...known].filter((name) => !wanted.has(name));
    this.global.db.transaction(() => {
      for (const name of added) this.global.statement('INSERT OR IGNORE INTO `group` (name) VALUES (?)').run(name);
      for (const name of removed) this.deleteGroup(name);
    })();
    return { added, removed };
  }

  /** Deletes a group; its agents lose it and fall back to `default` when it was their only one. */
  deleteGroup(name: string): void {
    const members = [...this.agentIdsIn(name, -1)];
    this.global.statement('DELETE FROM `group` WHERE name = ?').run(name);
    for (const agentId of members) {
      if (this.maxPriority(agentId) < 0 && name !== 'default') this.assign(agentId, ['default'], 0);
      const row = this.global.statement('SELECT group_sync_status FROM agent WHERE id = ?').pluck(true).get(agentId);
      this.refreshAgentColumns(agentId, typeof row === 'string' ? row : 'syncreq');
    }
  }

  private maxPriority(agentId: number): number {
    const value = this.global.statement('SELECT MAX(priority) FROM belongs WHERE id_agent = ?').pluck(true).get(agentId);
    return typeof value === 'number' ? value : -1;
  }

  private validate(agentId: number, groups: unknown[]): boolean {
    const current = this.global.statement('SELECT COUNT(*) FROM belongs WHERE id_agent = ?').pluck(true).get(agentId) as number;
    let counted = 0;
    for (const name of groups) {
      if (typeof name !== 'string') continue;
      counted++;
      if (counted + current > MAX_GROUPS_PER_AGENT || !validGroupName(name)) return false;
    }
    return true;
  }

  private assign(agentId: number, groups: unknown[], firstPriority: number): boolean {
    let ok = true;
    let priority = firstPriority;
    for (const name of groups) {
      if (typeof name !== 'string') {
        ok = false;
        continue;
      }
      const groupId = this.groupId(name);
      if (groupId === undefined) {
        ok = false;
        continue;
      }
      try {
        this.global.statement('INSERT INTO belongs (id_group, id_agent, priority) VALUES (?, ?, ?)').run(groupId, agentId, priority);
        priority++;
      } catch {
        ok = false;
      }
    }
    return ok;
  }

  private unassign(agentId: number, groups: unknown[]): boolean {
    let ok = true;
    for (const name of groups) {
      const groupId = typeof name === 'string' ? this.groupId(name) : undefined;
      if (groupId === undefined) {
        ok = false;
        continue;
      }
      this.global.statement('DELETE FROM belongs WHERE id_group = ? AND id_agent = ?').run(groupId, agentId);
      if (this.maxPriority(agentId) < 0 && !this.assign(agentId, ['default'], 0)) ok = false;
    }
    return ok;
  }

  /** Writes the agent's group list, its hash and the sync flag on the agent row. */
  private refreshAgentColumns(agentId: number, syncStatus: string): boolean {
    const groups = this.groupsOf(agentId);
    const csv = groups.length > 0 ? groups.join(',') : null;
    try {
      this.global
        .statement('UPDATE agent SET `group` = ?, group_hash = ?, group_sync_status = ? WHERE id = ?')
        .run(csv, csv === null ? null : groupHash(csv), syncStatus, agentId);
      return true;
    } catch {
      return false;
    }
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
