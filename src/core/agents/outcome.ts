/** What a per-item operation reports back: the items it affected and, for each item it could not, the error. */
import { WazuhError } from '../errors';
import { byAgentId } from './model';

export interface Outcome<T = string> {
  affected: T[];
  failed: Array<[id: string, error: WazuhError]>;
}

export function emptyOutcome<T = string>(): Outcome<T> {
  return { affected: [], failed: [] };
}

/** Sorts padded agent ids numerically, in place. */
export function sortIds(ids: string[]): string[] {
  return ids.sort(byAgentId);
}

/**
 * The error to record as a failed item, or a rethrow: any Wazuh error of one item is that item's failure (as in
 * Wazuh), except a request timeout, which ends the whole request; anything else is a bug and propagates.
 */
export function itemFailure(error: unknown): WazuhError {
  if (error instanceof WazuhError && error.code !== 3021) return error;
  throw error;
}
