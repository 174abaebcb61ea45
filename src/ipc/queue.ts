/**
 * Sender for the daemons' Unix datagram queues: `queue/alerts/ar` (remoted: active responses, restarts,
 * reconnects, scans), `queue/alerts/execq` (execd: manager restart) and `queue/sockets/queue` (analysisd: events).
 * One datagram per message, no reply. A queue nobody listens on is error 1010 (`connect`), a send that fails is
 * 1011 (`send`); callers with other codes (execq: 1901/1902) pass their own.
 */
import { createSocket, type UnixDgramSocket } from 'unix-dgram';
import { CallBudget, type CallOptions } from './call';
import { QUEUE_CODES, type DatagramErrorCodes } from './errors';
import { WazuhError, WazuhInternalError } from '../core/errors';

/** remoted and analysisd read at most this many bytes per datagram. */
export const MAX_DATAGRAM_BYTES = 65535;

const ERRNO_NAMES: Record<number, string> = {
  [-2]: 'ENOENT',
  [-13]: 'EACCES',
  [-20]: 'ENOTDIR',
  [-88]: 'ENOTSOCK',
  [-91]: 'EPROTOTYPE',
  [-111]: 'ECONNREFUSED',
  [-90]: 'EMSGSIZE',
};

/** EAGAIN/EWOULDBLOCK and ENOBUFS, negated as unix-dgram hands them over. */
const CONGESTED_ERRNOS = new Set([-11, -105]);

/** Retries of a congested send made on the next event-loop turn before backing off with timers. */
const IMMEDIATE_RETRIES = 8;

const UNREACHABLE = new Set(['ENOENT', 'EACCES', 'ENOTDIR', 'ENOTSOCK', 'EPROTOTYPE', 'ECONNREFUSED']);

export interface DatagramQueueOptions {
  path: string;
  codes?: DatagramErrorCodes;
  /** Default time budget of one send while the receiver's buffer is full (default 5 000 ms). */
  timeoutMs?: number;
  maxMessageBytes?: number;
}

export class DatagramQueue {
  readonly path: string;
  private readonly codes: DatagramErrorCodes;
  private readonly timeoutMs: number;
  private readonly maxMessageBytes: number;

  constructor(options: DatagramQueueOptions) {
    this.path = options.path;
    this.codes = options.codes ?? QUEUE_CODES;
    this.timeoutMs = options.timeoutMs ?? 5_000;
    this.maxMessageBytes = options.maxMessageBytes ?? MAX_DATAGRAM_BYTES;
  }

  /** Sends one datagram. Retries briefly while the receiver is congested, within the call's budget. */
  async send(message: string | Buffer, options: CallOptions = {}): Promise<void> {
    const [failure] = await this.sendBatch([message], options);
    if (failure) throw failure;
  }

  /**
   * Sends several datagrams over one socket, in order; resolves with one entry per message: undefined when it
   * was sent, the Wazuh error otherwise (so a caller can report failed items one by one).
   */
  async sendBatch(messages: Array<string | Buffer>, options: CallOptions = {}): Promise<Array<WazuhError | undefined>> {
    const budget = new CallBudget(
      options.timeoutMs ?? this.timeoutMs,
      options.signal,
      () => new WazuhInternalError(this.codes.send, { extra: `${this.path}: queue stayed full` }),
      () => new WazuhInternalError(this.codes.send, { extra: `${this.path}: send aborted` }),
    );
    let socket: UnixDgramSocket;
    try {
      socket = createSocket('unix_dgram');
    } catch (error) {
      budget.finish();
      const failure = new WazuhInternalError(this.codes.send, { extra: (error as Error).message });
      return messages.map(() => failure);
    }
    socket.on('error', () => undefined);
    const results: Array<WazuhError | undefined> = [];
    try {
      for (const message of messages) results.push(await this.deliver(socket, message, budget));
    } finally {
      budget.finish();
      try {
        socket.close();
      } catch {
        // already closed
      }
    }
    return results;
  }

  private async deliver(socket: UnixDgramSocket, message: string | Buffer, budget: CallBudget): Promise<WazuhError | undefined> {
    const data = typeof message === 'string' ? Buffer.from(message, 'utf8') : message;
    if (data.length > this.maxMessageBytes) {
      return new WazuhError(1012, { extra: `message of ${data.length} bytes exceeds ${this.maxMessageBytes} bytes` });
    }
    try {
      for (let attempt = 0; ; attempt++) {
        if (budget.cancelled) return budget.cancelled as WazuhError;
        if ((await this.sendOnce(socket, data)) === 'sent') return undefined;
        // The receiver usually drains its few queued datagrams within one turn of the event loop: a timer (1 ms
        // at least) per retry would add up over thousands of sends. Only a queue that stays full gets timers.
        if (attempt < IMMEDIATE_RETRIES) await nextTurn();
        else await delay(Math.min(50, 1 + (attempt - IMMEDIATE_RETRIES) * 5), budget);
      }
    } catch (error) {
      return error instanceof WazuhError ? error : new WazuhInternalError(this.codes.send, { extra: String(error) });
    }
  }

  private sendOnce(socket: UnixDgramSocket, data: Buffer): Promise<'sent' | 'congested'> {
    return new Promise((resolve, reject) => {
      socket.send(data, 0, data.length, this.path, (error) => {
        if (!error) {
          resolve('sent');
          return;
        }
        // unix-dgram reports a full receive queue as code 1 on connected sockets, but as the raw -EAGAIN /
        // -ENOBUFS from sendto(); both only mean "try again shortly" (Linux queues ~10 datagrams per socket).
        if (error.code === 1 || CONGESTED_ERRNOS.has(Number(error.code))) {
          resolve('congested');
          return;
        }
        const name = ERRNO_NAMES[Number(error.code)] ?? `errno ${error.code}`;
        const code = UNREACHABLE.has(name) ? this.codes.connect : this.codes.send;
        reject(new WazuhInternalError(code, { extra: `${this.path}: ${name}` }));
      });
    });
  }
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function delay(ms: number, budget: CallBudget): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unregister();
      resolve();
    }, ms);
    const unregister = budget.onCancel((error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}
