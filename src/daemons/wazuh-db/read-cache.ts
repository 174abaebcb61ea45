/**
 * Replies of costly reads with small answers (counts, GROUP BY summaries over 100k–1M agents), kept until the
 * database changes.
 *
 * A change is detected, not announced: `total_changes()` moves with every row this connection inserts, updates or
 * deletes (whatever code path did it: text commands, in-process calls from authd, transactions later rolled back),
 * and `PRAGMA data_version` moves when any other connection or process commits to the file (a real daemon beside
 * this one, a test writing the file directly). Either one moving empties the cache, so an answer is only reused
 * while it is still the answer SQLite would give.
 */
import type Database from 'better-sqlite3';

/** Only reads that took this long are worth a slot. */
const MIN_COST_MS = 1;
/** Page reads are large and cheap; summaries are small and costly. */
const MAX_REPLY_CHARS = 16 * 1024;
const MAX_ENTRIES = 64;

const READ_ONLY = /^\s*(select|with)\b/i;
/** Answers that change with the clock or the connection, never reused. */
const VOLATILE =
  /\b(random|randomblob|changes|total_changes|last_insert_rowid|date|time|datetime|julianday|unixepoch|strftime|timediff)\s*\(|\bcurrent_(time|date|timestamp)\b|'now'/i;

export class ReadCache {
  private readonly replies = new Map<string, string>();
  private readonly stamp: Database.Statement<[], { changes: number; version: number }>;
  private seen = '';

  constructor(db: Database.Database) {
    this.stamp = db.prepare(
      'SELECT total_changes() AS changes, (SELECT data_version FROM pragma_data_version) AS version',
    ) as Database.Statement<[], { changes: number; version: number }>;
  }

  /** Whether a reply to `sql` may ever be reused. */
  static eligible(sql: string): boolean {
    return READ_ONLY.test(sql) && !VOLATILE.test(sql);
  }

  /**
   * The stored reply to `sql` if the database has not changed since it was stored; otherwise the state of the
   * database now, to hand back to `offer` with the reply once the statement has run.
   */
  lookup(sql: string): { reply: string } | { stamp: string } {
    const stamp = this.currentStamp();
    if (stamp !== this.seen) {
      this.seen = stamp;
      this.replies.clear();
      return { stamp };
    }
    const reply = this.replies.get(sql);
    if (reply === undefined) return { stamp };
    this.replies.delete(sql);
    this.replies.set(sql, reply);
    return { reply };
  }

  /**
   * Keeps `reply` when it was costly enough and small enough, and when nothing was written between `lookup` and
   * now (a commit by another process in that window may or may not be in the reply).
   */
  offer(sql: string, stamp: string, reply: string, costMs: number): void {
    if (costMs < MIN_COST_MS || reply.length > MAX_REPLY_CHARS) return;
    if (this.currentStamp() !== stamp || this.seen !== stamp) return;
    this.replies.set(sql, reply);
    if (this.replies.size > MAX_ENTRIES) this.replies.delete(this.replies.keys().next().value as string);
  }

  private currentStamp(): string {
    const { changes, version } = this.stamp.get() as { changes: number; version: number };
    return `${changes}:${version}`;
  }
}
