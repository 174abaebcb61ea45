/**
 * The result model: every operation returns one of these, and the HTTP layer only serialises them.
 *
 * - `WazuhResult`: a plain object answered as is, with `error: 0` appended.
 * - `AffectedItemsResult`: the list envelope (`affected_items`, failed items grouped by error, totals, a message
 *   chosen among "all", "some" and "none", and `error` 0/1/2).
 * - `RawResult`: a body sent with its own content type (`raw=true` answers).
 */
import { WazuhError } from './errors';

export type ItemId = string | number;

export class WazuhResult {
  constructor(readonly body: Record<string, unknown>) {}

  render(): Record<string, unknown> {
    return { ...this.body, error: 0 };
  }
}

/** A body answered verbatim (the login token with `raw=true`, `ossec.conf` as XML...). */
export class RawResult {
  constructor(
    readonly body: string,
    readonly contentType: string,
  ) {}
}

export interface ResultMessages {
  /** Something was affected and nothing failed. */
  all: string;
  /** Some items failed, some were affected. */
  some: string;
  /** Nothing was affected. */
  none: string;
}

interface FailureGroup {
  error: WazuhError;
  ids: Set<ItemId>;
}

function failureKey(error: WazuhError): string {
  return JSON.stringify([error.kind, error.code, error.extraMessage ?? null, error.extraRemediation ?? null]);
}

function sortIds(ids: Iterable<ItemId>): ItemId[] {
  const list = [...ids];
  const allNumeric = list.every((id) => typeof id === 'number' || /^\d+$/.test(id));
  return allNumeric
    ? list.sort((a, b) => Number(a) - Number(b))
    : list.sort((a, b) => String(a).localeCompare(String(b)));
}

export class AffectedItemsResult<T = unknown> {
  affectedItems: T[] = [];
  /** The number of matching items; may exceed `affectedItems.length` when a page was asked for. */
  totalAffectedItems = 0;
  /** Extra keys placed inside `data`, after `failed_items`. */
  extraData: Record<string, unknown> = {};
  private readonly failures = new Map<string, FailureGroup>();

  constructor(readonly messages: ResultMessages) {}

  /** Adds affected items and counts them in the total (use `totalAffectedItems` directly for paged reads). */
  addAffected(...items: T[]): this {
    this.affectedItems.push(...items);
    this.totalAffectedItems += items.length;
    return this;
  }

  /** Adds one page of a longer listing: its items, with the number of items of the whole listing as the total. */
  addPage(page: { items: readonly T[]; total: number }): this {
    this.affectedItems.push(...page.items);
    this.totalAffectedItems = page.total;
    return this;
  }

  addFailedItem(id: ItemId, error: WazuhError): this {
    const key = failureKey(error);
    const group = this.failures.get(key);
    if (group) group.ids.add(id);
    else this.failures.set(key, { error, ids: new Set([id]) });
    return this;
  }

  get totalFailedItems(): number {
    let total = 0;
    for (const group of this.failures.values()) total += group.ids.size;
    return total;
  }

  /** Ids that failed, with the code they failed with. */
  failedIds(): Map<ItemId, number> {
    const out = new Map<ItemId, number>();
    for (const group of this.failures.values()) for (const id of group.ids) out.set(id, group.error.code);
    return out;
  }

  /** Folds another node's (or another step's) result into this one. */
  merge(other: AffectedItemsResult<T>): this {
    this.affectedItems.push(...other.affectedItems);
    this.totalAffectedItems += other.totalAffectedItems;
    for (const [key, group] of other.failures) {
      const mine = this.failures.get(key);
      if (mine) for (const id of group.ids) mine.ids.add(id);
      else this.failures.set(key, { error: group.error, ids: new Set(group.ids) });
    }
    Object.assign(this.extraData, other.extraData);
    return this;
  }

  /** 0 when nothing failed, 1 when only failures, 2 when both. */
  get errorLevel(): 0 | 1 | 2 {
    if (this.totalFailedItems === 0) return 0;
    return this.totalAffectedItems === 0 ? 1 : 2;
  }

  /** "none" whenever nothing was affected (even with no failures), else "some" or "all". */
  get message(): string {
    if (this.totalAffectedItems === 0) return this.messages.none;
    return this.totalFailedItems === 0 ? this.messages.all : this.messages.some;
  }

  render(): Record<string, unknown> {
    const failed = [...this.failures.values()]
      .sort((a, b) => a.error.code - b.error.code)
      .map(({ error, ids }) => ({
        error: {
          code: error.code,
          message: error.message,
          ...(error.remediation ? { remediation: error.remediation } : {}),
        },
        id: sortIds(ids),
      }));
    return {
      data: {
        affected_items: this.affectedItems,
        total_affected_items: this.totalAffectedItems,
        total_failed_items: this.totalFailedItems,
        failed_items: failed,
        ...this.extraData,
      },
      message: this.message,
      error: this.errorLevel,
    };
  }
}

export type OperationResult = WazuhResult | AffectedItemsResult | RawResult;
