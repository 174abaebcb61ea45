/**
 * Client of wazuh-authd's local socket (`queue/sockets/auth`, protocol.md §4): one JSON request per connection.
 * authd's duplicate-name/IP/ID answers become the framework's 1705/1706/1708 (HTTP 400); any other authd error is
 * raised as error 1000 carrying authd's own code and text, which the API reports as Wazuh does (HTTP 500, the
 * daemon's message in `dapi_errors`).
 */
import { StreamClient, type CallOptions } from './stream-client';
import { STREAM_SOCKET_CODES } from './errors';
import { parseJsonReply } from './dispatcher';
import { wazuhPaths } from '../core/paths';
import { WazuhError, WazuhInternalError } from '../core/errors';

export interface AuthdForceOptions {
  enabled: boolean;
  disconnected_time?: { enabled: boolean; value: string | number };
  after_registration_time?: string | number;
  key_mismatch?: boolean;
}

export interface AuthdAddArguments {
  name: string;
  /** `any`, an address or a network; lower-case. */
  ip: string;
  force?: AuthdForceOptions;
  /** Zero-padded id, only for `/agents/insert`. */
  id?: string;
  /** Agent key (at least 64 characters), only for `/agents/insert`. */
  key?: string;
  /** Comma separated groups (authd accepts them; the API does not send them). */
  groups?: string;
}

export interface AuthdAgent {
  id: string;
  name: string;
  ip: string;
  key: string;
}

/** authd answered with a non-zero `error` the framework does not translate. */
export class AuthdError extends WazuhInternalError {
  constructor(
    readonly authdCode: number,
    readonly authdMessage: string,
  ) {
    super(1000);
  }
}

const TRANSLATED: Record<number, number> = { 9008: 1705, 9007: 1706, 9012: 1708 };

export class AuthdClient {
  private readonly stream: StreamClient;

  constructor(options: { path: string; timeoutMs?: number; maxConnections?: number }) {
    this.stream = new StreamClient({
      path: options.path,
      codes: STREAM_SOCKET_CODES,
      reuse: false,
      timeoutMs: options.timeoutMs ?? 10_000,
      maxConnections: options.maxConnections ?? 4,
      name: 'wazuh-authd',
    });
  }

  static forInstall(wazuhPath: string, options: { timeoutMs?: number } = {}): AuthdClient {
    return new AuthdClient({ ...options, path: wazuhPaths(wazuhPath).sockets.auth });
  }

  async add(args: AuthdAddArguments, options: CallOptions = {}): Promise<AuthdAgent> {
    return (await this.call('add', { ...args }, options)) as AuthdAgent;
  }

  /** Removes an agent; `purge` drops its key line instead of marking it removed. Resolves with authd's text. */
  async remove(id: string, purge = false, options: CallOptions = {}): Promise<string> {
    return String(await this.call('remove', { id, purge }, options));
  }

  async get(id: string, options: CallOptions = {}): Promise<AuthdAgent> {
    return (await this.call('get', { id }, options)) as AuthdAgent;
  }

  close(): void {
    this.stream.close();
  }

  private async call(fn: string, args: Record<string, unknown>, options: CallOptions): Promise<unknown> {
    const frame = await this.stream.request(JSON.stringify({ function: fn, arguments: args }), options);
    const reply = parseJsonReply<unknown>(frame.toString('utf8'));
    if (reply.error === 0) return reply.data;
    const translated = TRANSLATED[reply.error];
    if (translated) throw new WazuhError(translated);
    throw new AuthdError(reply.error, reply.message ?? '');
  }
}
