/**
 * What syscheck and rootcheck share about an agent's own database (`queue/db/NNN.db`, read through wazuh-db's
 * `agent NNN` actor): that it exists, and how a scan's start and end dates are reported.
 */
import { access } from 'node:fs/promises';
import type { WazuhDbPort } from '../agents/ports';
import { WazuhError } from '../errors';
import type { WdbReader } from './wdb';

export interface MonitoringStore {
  /** Lists read from the agent databases, and agent lookups in `global.db`. */
  wdb: WdbReader & WazuhDbPort;
  /** `queue/db/NNN.db` of an agent. */
  agentDb(agentId: string): string;
}

/**
 * Wazuh's framework refuses to query an agent database that is not on disk (wazuh-db would create an empty one).
 * The error is a user error (400), 2007.
 */
export async function requireAgentDatabase(store: Pick<MonitoringStore, 'agentDb'>, agentId: string): Promise<void> {
  try {
    await access(store.agentDb(agentId));
  } catch {
    throw new WazuhError(2007, {
      extra: `There is no database for agent ${agentId}. Please check if the agent has connected to the manager`,
    });
  }
}

export interface LastScan {
  start: string | null;
  end: string | null;
}

/** `start`/`end` as Wazuh reports them: no end while a scan runs (end missing or older than start). */
export function lastScanDates(start: unknown, end: unknown, format: (value: unknown) => unknown): LastScan {
  const startValue = typeof start === 'number' && start > 0 ? start : null;
  const endValue = typeof end === 'number' && end > 0 ? end : null;
  if (startValue === null) return { start: null, end: null };
  return {
    start: String(format(startValue)),
    end: endValue === null || endValue < startValue ? null : String(format(endValue)),
  };
}
