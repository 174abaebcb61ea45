/**
 * Request/reply client for the daemons' Unix stream sockets (LE32 frames both ways).
 *
 * - One request is in flight per connection at a time, so replies can never be mixed up between concurrent
 *   callers; concurrency comes from a small pool of connections (`maxConnections`).
 * - Callers beyond the pool wait in a bounded queue (`maxPending`); past it a call fails at once instead of
 *   piling up (back-pressure).
 * - `reuse` keeps connections open between requests (wazuh-db allows it); without it each request gets its own
 *   connection, which is what authd, remoted and execd expect.
 * - A connection that failed, timed out or was closed by the daemon is dropped; the next call connects again.
 * - Every call has a deadline and honours an AbortSignal; failures become Wazuh errors from the client's code set.
 */
import { Socket, createConnection } from 'node:net';
import { CallBudget, type CallOptions } from './call';
import { FrameDecoder, FrameTooLargeError, encodeFrame } from './framing';
import {
  STREAM_SOCKET_CODES,
  classifySocketError,
  describeError,
  socketError,
  type SocketErrorCodes,
  type SocketFailure,
} from './errors';
import { WazuhError } from '../core/errors';

export type { CallOptions } from './call';

export interface StreamClientOptions {
  /** Socket file. */
  path: string;
  /** Wazuh codes for transport failures (default: the generic request-socket codes 1013/1121/1014). */
  codes?: SocketErrorCodes;
  /** Keep connections open for further requests. */
  reuse?: boolean;
  /** Connections open at once (default 4). */
  maxConnections?: number;
  /** Calls allowed to wait for a connection (default 1024). */
  maxPending?: number;
  /** Default time budget of a call in ms (default 10 000). */
  timeoutMs?: number;
  /** Largest reply accepted (default 64 MiB); a bigger header is treated as a broken stream. */
  maxReplyBytes?: number;
  /** Name used in error messages (default: the socket file name). */
  name?: string;
}

class TransportFailure extends Error {
  constructor(
    readonly failure: SocketFailure,
    message: string,
  ) {
    super(message);
  }
}

interface PendingReply {
  resolve(frame: Buffer): void;
  reject(error: TransportFailure): void;
}

/** One socket with at most one outstanding request. */
class Connection {
  private readonly decoder: FrameDecoder;
  private pending: PendingReply | undefined;
  private lastError: Error | undefined;
  alive = true;

  private constructor(readonly socket: Socket, maxReplyBytes: number) {
    this.decoder = new FrameDecoder(maxReplyBytes);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (error) => {
      this.lastError = error;
    });
    socket.on('end', () => this.onClosed());
    socket.on('close', () => this.onClosed());
  }

  static open(path: string, maxReplyBytes: number): Promise<Connection> {
    return new Promise((resolve, reject) => {
      const socket = createConnection({ path });
      const onError = (error: Error) => {
        socket.destroy();
        reject(new TransportFailure(classifySocketError(error), describeError(error)));
      };
      socket.once('error', onError);
      socket.once('connect', () => {
        socket.off('error', onError);
        resolve(new Connection(socket, maxReplyBytes));
      });
    });
  }

  exchange(frame: Buffer): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      if (!this.alive) {
        reject(new TransportFailure('closed', 'connection closed by the daemon'));
        return;
      }
      this.pending = { resolve, reject };
      this.socket.ref();
      this.socket.write(frame);
    });
  }

  /** Parks the socket without keeping the process alive. */
  idle(): void {
    this.socket.unref();
  }

  destroy(): void {
    this.alive = false;
    this.socket.destroy();
    this.failPending(new TransportFailure('closed', 'connection closed'));
  }

  private onData(chunk: Buffer): void {
    let frames: Buffer[];
    try {
      frames = this.decoder.push(chunk);
    } catch (error) {
      const detail = error instanceof FrameTooLargeError ? error.message : describeError(error);
      this.failPending(new TransportFailure('io', detail));
      this.destroy();
      return;
    }
    for (const frame of frames) {
      const pending = this.pending;
      if (!pending) {
        // A reply nobody asked for means the stream is out of step; never hand it to the next caller.
        this.destroy();
        return;
      }
      this.pending = undefined;
      pending.resolve(frame);
    }
  }

  private onClosed(): void {
    this.alive = false;
    if (!this.pending) return;
    const detail = this.lastError ? describeError(this.lastError) : 'connection closed before the whole reply arrived';
    const failure: SocketFailure = this.lastError ? classifySocketError(this.lastError) : 'closed';
    this.failPending(new TransportFailure(failure === 'missing' ? 'io' : failure, detail));
    this.socket.destroy();
  }

  private failPending(error: TransportFailure): void {
    const pending = this.pending;
    this.pending = undefined;
    pending?.reject(error);
  }
}

interface Waiter {
  grant(connection: Connection): void;
  fail(error: Error): void;
}

export class StreamClient {
  readonly path: string;
  readonly codes: SocketErrorCodes;
  readonly name: string;
  private readonly reuse: boolean;
  private readonly maxConnections: number;
  private readonly maxPending: number;
  private readonly timeoutMs: number;
  private readonly maxReplyBytes: number;
  private readonly idleConnections: Connection[] = [];
  private readonly waiters: Waiter[] = [];
  private openCount = 0;

  constructor(options: StreamClientOptions) {
    this.path = options.path;
    this.codes = options.codes ?? STREAM_SOCKET_CODES;
    this.reuse = options.reuse ?? false;
    this.maxConnections = Math.max(1, options.maxConnections ?? 4);
    this.maxPending = Math.max(0, options.maxPending ?? 1024);
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.maxReplyBytes = options.maxReplyBytes ?? 64 * 1024 * 1024;
    this.name = options.name ?? this.path.split('/').pop() ?? this.path;
  }

  /** Counters for diagnostics and tests. */
  get stats(): { open: number; idle: number; waiting: number } {
    return { open: this.openCount, idle: this.idleConnections.length, waiting: this.waiters.length };
  }

  /** Sends one framed request and resolves with the reply payload. */
  async request(payload: string | Buffer, options: CallOptions = {}): Promise<Buffer> {
    const timeoutMs = options.timeoutMs ?? this.timeoutMs;
    const budget = new CallBudget(
      timeoutMs,
      options.signal,
      () => socketError(this.codes, 'timeout', `no reply from ${this.name} within ${timeoutMs} ms`),
      () => abortError(options.signal, this.codes, this.name),
    );
    const frame = encodeFrame(payload);
    try {
      const connection = await this.acquire(budget);
      return await this.exchange(connection, frame, budget);
    } finally {
      budget.finish();
    }
  }

  /** Closes the idle connections and fails the waiting calls; calls in flight finish. The client stays usable. */
  close(): void {
    for (const connection of this.idleConnections.splice(0)) {
      connection.destroy();
      this.openCount--;
    }
    const error = socketError(this.codes, 'io', `client for ${this.name} closed`);
    for (const waiter of this.waiters.splice(0)) waiter.fail(error);
  }

  private acquire(budget: CallBudget): Promise<Connection> {
    return new Promise((resolve, reject) => {
      let settled = false;
      let unregister: () => void = () => undefined;
      const waiter: Waiter = {
        grant: (connection) => {
          if (settled) {
            this.release(connection, true);
            return;
          }
          settled = true;
          unregister();
          resolve(connection);
        },
        fail: (error) => {
          if (settled) return;
          settled = true;
          unregister();
          reject(error);
        },
      };
      unregister = budget.onCancel((error) => {
        const index = this.waiters.indexOf(waiter);
        if (index >= 0) this.waiters.splice(index, 1);
        waiter.fail(error);
      });
      if (settled) return;
      const connection = this.takeIdle();
      if (connection) {
        waiter.grant(connection);
      } else if (this.openCount < this.maxConnections) {
        this.openFor(waiter);
      } else if (this.waiters.length >= this.maxPending) {
        waiter.fail(socketError(this.codes, 'io', `too many requests waiting for ${this.name}`));
      } else {
        this.waiters.push(waiter);
      }
    });
  }

  private takeIdle(): Connection | undefined {
    while (this.idleConnections.length > 0) {
      const connection = this.idleConnections.pop() as Connection;
      if (connection.alive) return connection;
      this.openCount--;
    }
    return undefined;
  }

  private openFor(waiter: Waiter): void {
    this.openCount++;
    Connection.open(this.path, this.maxReplyBytes).then(
      (connection) => waiter.grant(connection),
      (error: TransportFailure) => {
        this.openCount--;
        waiter.fail(socketError(this.codes, error.failure, `${this.name}: ${error.message}`));
        this.pump();
      },
    );
  }

  private async exchange(connection: Connection, frame: Buffer, budget: CallBudget): Promise<Buffer> {
    const unregister = budget.onCancel(() => connection.destroy());
    try {
      const reply = await connection.exchange(frame);
      unregister();
      this.release(connection, this.reuse);
      return reply;
    } catch (error) {
      unregister();
      this.release(connection, false);
      if (budget.cancelled) throw budget.cancelled;
      const failure = error instanceof TransportFailure ? error : new TransportFailure('io', describeError(error));
      throw socketError(this.codes, failure.failure, `${this.name}: ${failure.message}`);
    }
  }

  /** Gives a connection back: to the next waiter, to the idle list, or closes it. */
  private release(connection: Connection, keep: boolean): void {
    if (keep && connection.alive) {
      const waiter = this.waiters.shift();
      if (waiter) {
        waiter.grant(connection);
        return;
      }
      if (this.reuse) {
        connection.idle();
        this.idleConnections.push(connection);
        return;
      }
    }
    connection.destroy();
    this.openCount--;
    this.pump();
  }

  /** A slot freed up: start a connection for the oldest waiter. */
  private pump(): void {
    while (this.waiters.length > 0 && this.openCount < this.maxConnections) {
      this.openFor(this.waiters.shift() as Waiter);
    }
  }
}

function abortError(signal: AbortSignal | undefined, codes: SocketErrorCodes, name: string): Error {
  const reason: unknown = signal?.reason;
  if (reason instanceof WazuhError) return reason;
  return socketError(codes, 'io', `request to ${name} aborted`);
}
