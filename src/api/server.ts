/**
 * Listening sockets: one server per configured host (IPv6 hosts bound v6-only, so `0.0.0.0` and `::` can share
 * the port), HTTP or HTTPS, and a graceful close: stop accepting, let in-flight requests finish within a bound,
 * close idle keep-alive connections, then cut whatever is left.
 */
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { ApiLogger } from '../core/logging';
import type { HttpsOptions } from './tls';

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

export interface ListenOptions {
  hosts: string[];
  port: number;
  /** HTTPS when given. */
  tls?: HttpsOptions;
  logger: ApiLogger;
}

export interface Listening {
  protocol: 'http' | 'https';
  port: number;
  hosts: string[];
  /** Stops accepting, waits up to `graceMs` for in-flight requests, then closes every connection. */
  close(graceMs?: number): Promise<void>;
}

export class BindError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BindError';
  }
}

function bind(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen({ host, port, ipv6Only: host.includes(':') }, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export async function listen(app: RequestListener, options: ListenOptions): Promise<Listening> {
  let closing = false;
  // While closing, answers ask the client to drop the connection, so keep-alive sockets empty out.
  const handle: RequestListener = (req, res) => {
    if (closing) res.setHeader('Connection', 'close');
    app(req, res);
  };
  const servers: Server[] = [];
  const bound: string[] = [];
  const failures: string[] = [];
  let port = options.port;
  for (const host of options.hosts) {
    const server = options.tls ? createHttpsServer(options.tls, handle) : createHttpServer(handle);
    // Expect headers go through the app, which answers them in Wazuh's shape (417 or 100 Continue when reading).
    server.on('checkContinue', handle);
    server.on('checkExpectation', handle);
    try {
      port = await bind(server, host, port);
      servers.push(server);
      bound.push(host);
    } catch (error) {
      failures.push(`${host}:${port} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
  }
  if (servers.length === 0) {
    throw new BindError(`Error while attempting to bind on address: ${failures.join(', ')}`);
  }
  for (const failure of failures) options.logger.warning(`Could not listen on ${failure}`);

  const close = async (graceMs = 10_000): Promise<void> => {
    closing = true;
    const closed = servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve())));
    const sweeper = setInterval(() => servers.forEach((server) => server.closeIdleConnections()), 50);
    servers.forEach((server) => server.closeIdleConnections());
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), graceMs).unref());
    const outcome = await Promise.race([Promise.all(closed), timeout]);
    clearInterval(sweeper);
    if (outcome === 'timeout') {
      options.logger.warning(`Requests still running after ${graceMs} ms were cut off at shutdown`);
      servers.forEach((server) => server.closeAllConnections());
      await Promise.all(closed);
      // Let the cut requests' close handlers (their access-log lines) run before the caller closes the log.
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return { protocol: options.tls ? 'https' : 'http', port, hosts: bound, close };
}
