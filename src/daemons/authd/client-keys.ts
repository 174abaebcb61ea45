/**
 * `etc/client.keys`: one `ID NAME IP KEY` line per agent. A removed agent keeps its line with the name prefixed
 * by `!` unless it was purged. Lookups are indexed so registration stays fast with many agents; the file is re-read
 * when something else changed it.
 */
import { appendFileSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';

export interface KeyEntry {
  id: string;
  name: string;
  ip: string;
  key: string;
  removed: boolean;
}

export class ClientKeys {
  private entries: KeyEntry[] = [];
  private readonly byId = new Map<string, KeyEntry>();
  private readonly byName = new Map<string, KeyEntry>();
  private readonly byIp = new Map<string, KeyEntry>();
  private highestId = 0;
  private seenMtimeMs = -1;
  private seenSize = -1;

  constructor(private readonly file: string) {
    this.load();
  }

  /** Re-reads the file when it changed since we last wrote or read it. */
  refresh(): void {
    const stat = this.stat();
    if (stat.mtimeMs !== this.seenMtimeMs || stat.size !== this.seenSize) this.load();
  }

  active(id: string): KeyEntry | undefined {
    return this.byId.get(id);
  }

  activeByName(name: string): KeyEntry | undefined {
    return this.byName.get(name);
  }

  activeByIp(ip: string): KeyEntry | undefined {
    return this.byIp.get(ip);
  }

  /** Highest id ever written, removed agents included (ids are not reused). */
  get maxId(): number {
    return this.highestId;
  }

  add(entry: Omit<KeyEntry, 'removed'>): void {
    const stale = this.entries.some((e) => e.id === entry.id);
    const full: KeyEntry = { ...entry, removed: false };
    if (stale) {
      // Only a removed line can share the id: the new registration takes its place.
      this.entries = this.entries.filter((e) => e.id !== entry.id);
      this.entries.push(full);
      this.index(full);
      this.write();
      return;
    }
    this.entries.push(full);
    this.index(full);
    appendFileSync(this.file, `${lineOf(full)}\n`);
    this.remember();
  }

  /** Marks the agent removed (`!name`), or drops its line when `purge`. */
  remove(id: string, purge: boolean): KeyEntry | undefined {
    const entry = this.byId.get(id);
    if (!entry) return undefined;
    this.unindex(entry);
    if (purge) this.entries = this.entries.filter((e) => e !== entry);
    else entry.removed = true;
    this.write();
    return entry;
  }

  private load(): void {
    let text = '';
    try {
      text = readFileSync(this.file, 'utf8');
    } catch {
      text = '';
    }
    this.entries = [];
    this.byId.clear();
    this.byName.clear();
    this.byIp.clear();
    this.highestId = 0;
    for (const line of text.split('\n')) {
      const fields = line.trim().split(/\s+/);
      if (fields.length < 4 || !/^\d+$/.test(fields[0])) continue;
      const removed = fields[1].startsWith('!');
      const entry: KeyEntry = {
        id: fields[0],
        name: removed ? fields[1].slice(1) : fields[1],
        ip: fields[2],
        key: fields.slice(3).join(' '),
        removed,
      };
      this.entries.push(entry);
      this.highestId = Math.max(this.highestId, Number(entry.id));
      if (!removed) this.index(entry);
    }
    this.remember();
  }

  private index(entry: KeyEntry): void {
    this.byId.set(entry.id, entry);
    this.byName.set(entry.name, entry);
    if (entry.ip !== 'any') this.byIp.set(entry.ip, entry);
    this.highestId = Math.max(this.highestId, Number(entry.id));
  }

  private unindex(entry: KeyEntry): void {
    if (this.byId.get(entry.id) === entry) this.byId.delete(entry.id);
    if (this.byName.get(entry.name) === entry) this.byName.delete(entry.name);
    if (this.byIp.get(entry.ip) === entry) this.byIp.delete(entry.ip);
  }

  /** Whole-file rewrite through a temporary file, so readers never see half a file. */
  private write(): void {
    const text = this.entries.map((entry) => `${lineOf(entry)}\n`).join('');
    const temporary = `${this.file}.tmp`;
    writeFileSync(temporary, text, { mode: 0o640 });
    renameSync(temporary, this.file);
    this.remember();
  }

  private stat(): { mtimeMs: number; size: number } {
    try {
      const stat = statSync(this.file);
      return { mtimeMs: stat.mtimeMs, size: stat.size };
    } catch {
      return { mtimeMs: -1, size: -1 };
    }
  }

  private remember(): void {
    const stat = this.stat();
    this.seenMtimeMs = stat.mtimeMs;
    this.seenSize = stat.size;
  }
}

function lineOf(entry: KeyEntry): string {
  return `${entry.id} ${entry.removed ? '!' : ''}${entry.name} ${entry.ip} ${entry.key}`;
}
