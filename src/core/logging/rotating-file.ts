/**
 * A winston transport that keeps writing to one fixed file (`logs/api.log`, `logs/api.json`) and rotates it the
 * way Wazuh does: at the first write of a new day, or once the file would exceed `maxBytes` when size rotation is
 * on. The rotated file is gzip-compressed into `logs/api/<year>/<Mon>/api-<day>[_<n>].<ext>.gz` with mode 0640.
 *
 * Why not winston-daily-rotate-file: it names the live file after the date (`api-2025-01-31.log`) and starts
 * gzipping the old file while its stream is still flushing, so the tail of a busy file can be lost. Here the live
 * file is renamed aside first (writes still pending on its descriptor land in it), a new file is opened, and the
 * old one is compressed only after its stream has finished.
 */
import { createReadStream, createWriteStream, existsSync, mkdirSync, openSync, renameSync, statSync, type WriteStream } from 'node:fs';
import { chmod, unlink } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
// winston's documented base class for custom transports (a dependency of winston itself).
import TransportStream from 'winston-transport';

/** winston's key for the formatted line (triple-beam's MESSAGE). */
const MESSAGE = Symbol.for('message');

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const FILE_MODE = 0o640;

export interface RotatingFileOptions extends TransportStream.TransportStreamOptions {
  file: string;
  /** Rotate once the file would grow past this many bytes; daily rotation when absent. */
  maxBytes?: number;
  /** For tests: the clock deciding the day. */
  now?: () => Date;
}

const dayKey = (date: Date) => `${date.getFullYear()}-${date.getMonth()}-${date.getDate()}`;

export class RotatingFileTransport extends TransportStream {
  private readonly file: string;
  private readonly maxBytes?: number;
  private readonly now: () => Date;
  private stream: WriteStream;
  private size: number;
  /** The local day the live file's content belongs to. */
  private day: Date;
  private readonly archiving = new Set<Promise<void>>();
  private ended = false;
  private rotations = 0;

  constructor(options: RotatingFileOptions) {
    super(options);
    this.file = options.file;
    this.maxBytes = options.maxBytes;
    this.now = options.now ?? (() => new Date());
    mkdirSync(dirname(this.file), { recursive: true });
    const existing = existsSync(this.file) ? statSync(this.file) : undefined;
    this.size = existing?.size ?? 0;
    this.day = existing && existing.size > 0 ? existing.mtime : this.now();
    this.stream = this.open();
  }

  private open(): WriteStream {
    // Opened synchronously: a rotation renames the file by path, so the descriptor must exist before that.
    const fd = openSync(this.file, 'a', FILE_MODE);
    const stream = createWriteStream(this.file, { fd });
    stream.on('error', (error) => this.emit('error', error));
    return stream;
  }

  override log(info: Record<string | symbol, unknown>, callback: () => void): void {
    if (this.ended) return callback();
    const line = `${String(info[MESSAGE])}\n`;
    const bytes = Buffer.byteLength(line);
    const now = this.now();
    const newDay = this.maxBytes === undefined && dayKey(now) !== dayKey(this.day);
    const tooBig = this.maxBytes !== undefined && this.size > 0 && this.size + bytes > this.maxBytes;
    if (newDay || tooBig) this.rotate(now);
    this.stream.write(line);
    this.size += bytes;
    callback();
  }

  private rotate(now: Date): void {
    const contentDay = this.day;
    const aside = `${this.file}.${process.pid}.${(this.rotations += 1)}.rotating`;
    const old = this.stream;
    try {
      renameSync(this.file, aside);
    } catch (error) {
      this.emit('error', error);
      return;
    }
    this.stream = this.open();
    this.size = 0;
    this.day = now;
    let target: { path: string; fd: number };
    try {
      target = this.claimArchive(contentDay);
    } catch (error) {
      this.emit('error', error);
      return;
    }
    const done = new Promise<void>((resolve) => old.end(resolve))
      .then(() => this.archive(aside, target))
      .catch((error) => {
        this.emit('error', error);
      });
    this.archiving.add(done);
    void done.finally(() => this.archiving.delete(done));
  }

  /**
   * Claims `logs/api/2025/Jan/api-31.log.gz` (or `_1`, `_2`... when taken: size rotation, restarts) by creating
   * it exclusively, so two rotations in quick succession can never pick the same name.
   */
  private claimArchive(day: Date): { path: string; fd: number } {
    const ext = extname(this.file);
    const stem = basename(this.file, ext);
    const dir = join(dirname(this.file), stem, String(day.getFullYear()), MONTHS[day.getMonth()]);
    mkdirSync(dir, { recursive: true });
    const base = `${stem}-${String(day.getDate()).padStart(2, '0')}`;
    for (let n = 0; ; n += 1) {
      const path = join(dir, n === 0 ? `${base}${ext}.gz` : `${base}_${n}${ext}.gz`);
      try {
        return { path, fd: openSync(path, 'wx', FILE_MODE) };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
  }

  private async archive(source: string, target: { path: string; fd: number }): Promise<void> {
    await pipeline(createReadStream(source), createGzip(), createWriteStream(target.path, { fd: target.fd }));
    await chmod(target.path, FILE_MODE); // the process umask may have narrowed the creation mode
    await unlink(source);
    this.emit('archived', target.path);
  }

  /** Flushes the live file and waits for any compression in progress. */
  async flush(): Promise<void> {
    if (!this.ended) {
      this.ended = true;
      await new Promise<void>((resolve) => this.stream.end(resolve));
    }
    while (this.archiving.size > 0) await Promise.all([...this.archiving]);
  }

  /**
   * winston calls this when the logger unpipes the transport, which can happen while lines are still queued in
   * the transport: closing here would drop them. The owner calls `flush()` once the transport has finished.
   */
  override close(): void {}
}
