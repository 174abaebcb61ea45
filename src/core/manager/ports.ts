/**
 * What the manager logic needs from the IPC layer, stated as small interfaces so core decides *what* to send and
 * how to read the answer, while `src/ipc` owns the sockets. `createManagerPorts` (ipc-ports.ts) builds them from
 * the real clients; tests may pass the same real clients pointed at a temporary install.
 */

export { jsonRequest, type DaemonJsonReply } from '../../ipc/dispatcher';

/** One call's budget, as the IPC clients take it. */
export interface PortCallOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** Transport failures of a request socket become these codes (Wazuh raises different ones per operation). */
export interface SocketCodes {
  missing: number;
  refused: number;
  io: number;
  closed: number;
  timeout: number;
}

/** A one-shot request socket: one LE32 request, one LE32 reply. */
export interface RequestPort {
  /** The reply as text. */
  requestText(request: string, options?: PortCallOptions): Promise<string>;
}

export interface ManagerPorts {
  /**
   * A client for the request socket at `path` (wazuh-db's socket included, for its JSON commands); transport
   * failures are thrown as Wazuh errors with `codes`.
   */
  socket(path: string, codes?: SocketCodes): RequestPort;
  /** `global sql <sql>` on wazuh-db; rows as wazuh-db returns them. */
  globalSql(sql: string, options?: PortCallOptions): Promise<Record<string, unknown>[]>;
  /** One datagram to a queue; failures are thrown with `codes.connect` / `codes.send`. */
  sendDatagram(path: string, message: string, codes: { connect: number; send: number }, options?: PortCallOptions): Promise<void>;
}
