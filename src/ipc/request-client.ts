/**
 * Client of the one-shot request sockets: `queue/sockets/remote` (remoted), `analysis` (analysisd), `com`
 * (execd) and the component sockets (`logcollector`, `syscheck`, `wmodules`, ...). One LE32 request, one LE32
 * reply, then the daemon closes (protocol.md §5–§7). Replies are returned as they come; what an `err ...` or a
 * non-zero `error` means is decided by the caller, since each operation maps them to different Wazuh codes.
 */
import { StreamClient, type CallOptions } from './stream-client';
import { STREAM_SOCKET_CODES, type SocketErrorCodes } from './errors';
import { jsonRequest, parseJsonReply, type DaemonJsonReply } from './dispatcher';
import { WazuhInternalError } from '../core/errors';

export interface RequestClientOptions {
  path: string;
  /** Default 1013/1121/1014. */
  codes?: SocketErrorCodes;
  timeoutMs?: number;
  maxConnections?: number;
  maxPending?: number;
  name?: string;
}

export interface PlainReply {
  /** Text before the first space (`ok`, `err`...), or the whole reply when it has no space. */
  status: string;
  /** Text after the first space, as sent (execd puts two spaces after `ok`: the payload then starts with one). */
  payload: string;
  raw: string;
}

export class RequestSocketClient {
  private readonly stream: StreamClient;

  constructor(options: RequestClientOptions) {
    this.stream = new StreamClient({
      path: options.path,
      codes: options.codes ?? STREAM_SOCKET_CODES,
      reuse: false,
      timeoutMs: options.timeoutMs ?? 10_000,
      maxConnections: options.maxConnections ?? 8,
      maxPending: options.maxPending,
      name: options.name,
    });
  }

  get path(): string {
    return this.stream.path;
  }

  /** Sends a text request (`getconfig logging`, `001 logcollector getstate`) and returns the raw reply text. */
  async requestText(request: string, options: CallOptions = {}): Promise<string> {
    return (await this.stream.request(request, options)).toString('utf8');
  }

  /** Like `requestText`, split at the first space. */
  async plain(request: string, options: CallOptions = {}): Promise<PlainReply> {
    const raw = await this.requestText(request, options);
    const space = raw.indexOf(' ');
    return { status: space < 0 ? raw : raw.slice(0, space), payload: space < 0 ? '' : raw.slice(space + 1), raw };
  }

  /** A JSON dispatcher command: `{"version":1,"origin":{"module":...},"command":...,"parameters":...}`. */
  async json<T = unknown>(
    command: string,
    parameters?: Record<string, unknown>,
    options: CallOptions & { module?: string } = {},
  ): Promise<DaemonJsonReply<T>> {
    return parseJsonReply<T>(await this.requestText(jsonRequest(command, parameters, options.module), options));
  }

  /** A request whose reply is a JSON document of any shape (`check-manager-configuration`, agent `getstate`). */
  async requestJson<T = unknown>(request: string, options: CallOptions = {}): Promise<T> {
    const text = await this.requestText(request, options);
    try {
      return JSON.parse(text) as T;
    } catch (error) {
      throw new WazuhInternalError(2006, { extra: `${this.stream.name}: ${(error as Error).message}` });
    }
  }

  close(): void {
    this.stream.close();
  }
}
