/**
 * What an action over several items did: the items it affected and the ones that failed, each with its Wazuh error.
 * Core reports outcomes; the framework layer turns them into the API's result (adding RBAC refusals, and leaving out
 * the failures Wazuh hides when the caller did not name the items).
 */
import type { WazuhError } from '../errors';
import { AffectedItemsResult, type ItemId, type ResultMessages } from '../results';

export interface FailedItem {
  id: ItemId;
  error: WazuhError;
}

export interface ItemOutcome<T> {
  affected: T[];
  failed: FailedItem[];
}

export function emptyOutcome<T>(): ItemOutcome<T> {
  return { affected: [], failed: [] };
}

export { byAgentId } from '../agents/model';

export interface OutcomeOptions {
  /** Failure codes dropped from the result (Wazuh's `exclude_codes`, applied when no ids were named). */
  hide?: readonly number[];
}

export function outcomeToResult<T>(
  messages: ResultMessages,
  outcome: ItemOutcome<T>,
  options: OutcomeOptions = {},
): AffectedItemsResult<T> {
  const result = new AffectedItemsResult<T>(messages);
  result.addAffected(...outcome.affected);
  for (const { id, error } of outcome.failed) {
    if (options.hide?.includes(error.code)) continue;
    result.addFailedItem(id, error);
  }
  return result;
}
