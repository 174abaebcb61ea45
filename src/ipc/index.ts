/** The only door to the daemons' sockets. */
export { encodeFrame, FrameDecoder, FrameTooLargeError, FRAME_HEADER_BYTES, WDB_MAX_REPLY_BYTES } from './framing';
export type { CallOptions } from './call';
export {
  STREAM_SOCKET_CODES,
  WDB_SOCKET_CODES,
  WDB_HTTP_CODES,
  QUEUE_CODES,
  type SocketErrorCodes,
  type DatagramErrorCodes,
} from './errors';
export { StreamClient, type StreamClientOptions } from './stream-client';
export {
  WazuhDBClient,
  formatAgentId,
  type WazuhDBClientOptions,
  type WdbActor,
  type WdbRow,
  type WdbReply,
  type WdbSqlOptions,
  type WdbPageOptions,
  type SetAgentGroupsMode,
  type SetAgentGroupsRequest,
} from './wdb-client';
export { jsonRequest, parseJsonReply, type DaemonJsonReply } from './dispatcher';
export { WazuhDBHttpClient, type AgentsSummary, type RestartInfo } from './wdb-http-client';
export { AuthdClient, AuthdError, type AuthdAddArguments, type AuthdAgent, type AuthdForceOptions } from './authd-client';
export { RequestSocketClient, type RequestClientOptions, type PlainReply } from './request-client';
export { DatagramQueue, MAX_DATAGRAM_BYTES, type DatagramQueueOptions } from './queue';
