/**
 * The result model: every operation returns one of these, and the HTTP layer only serialises them.
 *
 * - `WazuhResult`: a plain object answered as is, with `error: 0` appended.
 * - `AffectedItemsResult`: the list envelope (`affected_items`, failed items grouped by error, totals, a message
 *   chosen among "all", "some" and "none", and `error` 0/1/2). Its affected items may still be coming: a long
 *   listing is attached as pages read on demand (`addPages`), which the HTTP layer writes as they arrive; anything
 *   that needs the items themselves calls `settle()` first.
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

/** Items of a paged listing read before it is returned; longer listings keep the rest pending. */
export const EAGER_ITEMS = 2000;

export class AffectedItemsResult<T = unknown> {
  affectedItems: T[] = [];
  /** The number of matching items; may exceed `affectedItems.length` when a page was asked for. */
  totalAffectedItems = 0;
  /** Extra keys placed inside `data`, after `failed_items`. */
  extraData: Record<string, unknown> = {};
  private readonly failures = new Map<string, FailureGroup>();
  /** Affected items not read yet: they follow `affectedItems`. */
  private pending?: AsyncIterable<readonly T[]>;

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

  /**
   * Adds a listing that is read page by page, with the number of items of the whole listing as the total. The
   * first `eager` items are read now (a short listing is then complete, and a failure there is the operation's);
   * the rest stay pending, read when `settle()` or `takePages()` asks for them.
   */
  async addPages(list: { pages: AsyncIterable<readonly T[]>; total: number }, eager = EAGER_ITEMS): Promise<this> {
    if (this.pending) throw new Error('a result holds one pending listing at most');
    this.totalAffectedItems = list.total;
    const iterator = list.pages[Symbol.asyncIterator]();
    let read = 0;
    while (read < eager) {
      const step = await iterator.next();
      if (step.done) return this;
      for (const item of step.value) this.affectedItems.push(item);
      read += step.value.length;
    }
    this.pending = { [Symbol.asyncIterator]: () => iterator };
    return this;
  }

  /** Whether some affected items are still to be read. */
  get unsettled(): boolean {
    return this.pending !== undefined;
  }

  /** Reads the pending pages, if any, into `affectedItems`. */
  async settle(): Promise<this> {
    const pages = this.pending;
    this.pending = undefined;
    if (pages) for await (const page of pages) for (const item of page) this.affectedItems.push(item);
    return this;
  }

  /**
   * Hands over the affected items as pages: those held already, then the pending ones as they are read. Once
   * taken, the pending pages belong to the caller (the result no longer holds them).
   */
  takePages(): AsyncIterable<readonly T[]> {
    const held = this.affectedItems;
    const pages = this.pending;
    this.pending = undefined;
    return (async function* () {
      if (held.length > 0) yield held;
      if (pages) yield* pages;
    })();
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
    if (this.pending || other.pending) throw new Error('settle() results before merging them');
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

  /** The envelope; pending items must have been settled (or taken: `affected_items` then holds the first ones). */
  render(): Record<string, unknown> {
    if (this.pending) throw new Error('render() of a result whose items are still pending: settle() it first');
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
