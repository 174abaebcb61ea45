/**
 * How transport failures on the daemons' sockets become Wazuh errors. Each socket family uses the codes Wazuh's
 * framework raises for it (protocol.md §1), so a client is built with one of the code sets below.
 */
import { WazuhError, WazuhInternalError } from '../core/errors';

export interface SocketErrorCodes {
  /** The socket file does not exist (nobody ever bound it, or it was removed). */
  missing: number;
  /** The file exists but nobody accepts connections on it (daemon stopped). */
  refused: number;
  /** Sending or receiving failed (reset, broken pipe, malformed frame, too many waiting requests). */
  io: number;
  /** The peer closed the connection before a whole reply arrived. */
  closed: number;
  /** No reply within the call's time budget. */
  timeout: number;
}

/** Plain request sockets (authd, remoted, analysisd, execd `com`, component sockets): `wazuh_socket.py`. */
export const STREAM_SOCKET_CODES: SocketErrorCodes = { missing: 1013, refused: 1121, io: 1014, closed: 1014, timeout: 1014 };

/** wazuh-db command socket: `wdb.py` raises 2005 for connection problems and 2010 for a short read. */
export const WDB_SOCKET_CODES: SocketErrorCodes = { missing: 2005, refused: 2005, io: 2005, closed: 2010, timeout: 2014 };

/** wazuh-db HTTP socket: `wdb_http.py` (2012 is a non-2xx answer, raised by the HTTP client itself). */
export const WDB_HTTP_CODES: SocketErrorCodes = { missing: 2016, refused: 2016, io: 2013, closed: 2013, timeout: 2014 };

export interface DatagramErrorCodes {
  /** No socket file, or nobody bound to it: the queue cannot be reached. */
  connect: number;
  /** The datagram could not be delivered (queue full for too long, message refused). */
  send: number;
}

/** `wazuh_queue.py`: 1010 when the queue cannot be reached, 1011 when sending fails. */
export const QUEUE_CODES: DatagramErrorCodes = { connect: 1010, send: 1011 };

export type SocketFailure = keyof SocketErrorCodes;

/** Classifies a Node socket error (by errno name) into one of the failure kinds. */
export function classifySocketError(error: unknown): SocketFailure {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return 'missing';
    case 'ECONNREFUSED':
    case 'ENOTSOCK':
    case 'EPROTOTYPE':
    case 'EACCES':
      return 'refused';
    default:
      return 'io';
  }
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** Builds the Wazuh error for a failure kind; `detail` becomes the extra message (Wazuh appends `str(e)`). */
export function socketError(codes: SocketErrorCodes, failure: SocketFailure, detail: string): WazuhInternalError {
  return new WazuhInternalError(codes[failure], { extra: detail });
}

export function isWazuhError(error: unknown): error is WazuhError {
  return error instanceof WazuhError;
}
