/** `ManagerPorts` over the real IPC clients of `src/ipc`. */
import { DatagramQueue, RequestSocketClient, WazuhDBClient } from '../../ipc';
import type { WazuhPaths } from '../paths';
import type { ManagerPorts, PortCallOptions, RequestPort, SocketCodes } from './ports';

export interface ManagerPortsOptions {
  /** Default budget of one daemon request (ms); requests also end with the API request's signal. */
  timeoutMs?: number;
  /** Reuse an existing wazuh-db client instead of opening another pool. */
  wdb?: WazuhDBClient;
}

export type ClosableManagerPorts = ManagerPorts & { close(): void };

export function createManagerPorts(paths: Pick<WazuhPaths, 'sockets'>, options: ManagerPortsOptions = {}): ClosableManagerPorts {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const ownWdb = options.wdb === undefined;
  const wdb = options.wdb ?? new WazuhDBClient({ path: paths.sockets.wdb, timeoutMs });
  const clients = new Map<string, RequestSocketClient>();

  const socket = (path: string, codes?: SocketCodes): RequestPort => {
    const key = `${path}\0${JSON.stringify(codes ?? null)}`;
    let client = clients.get(key);
    if (!client) {
      client = new RequestSocketClient({ path, codes, timeoutMs });
      clients.set(key, client);
    }
    const bound = client;
    return { requestText: (request: string, call?: PortCallOptions) => bound.requestText(request, call) };
  };

  return {
    socket,
    globalSql: (sql, call) => wdb.sql('global', sql, call),
    sendDatagram: (path, message, codes, call) => new DatagramQueue({ path, codes, timeoutMs: 5_000 }).send(message, call),
    close() {
      for (const client of clients.values()) client.close();
      clients.clear();
      if (ownWdb) wdb.close();
    },
  };
}
