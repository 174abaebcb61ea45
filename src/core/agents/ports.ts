/**
 * What the agent and group logic needs from the daemons' sockets, written as the smallest interfaces the clients of
 * `src/ipc` already satisfy (WazuhDBClient, WazuhDBHttpClient, AuthdClient, RequestSocketClient, DatagramQueue).
 * Core code depends on these shapes only, so it can be run against any implementation of the same protocols.
 */
import type { WazuhPaths } from '../paths';

export interface CallOpts {
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** A raw reply of the wazuh-db command socket, split at the first space. */
export interface WdbRawReply {
  status: string;
  payload: string;
  /** Size of the reply frame; 65536 means wazuh-db cut it. */
  bytes: number;
}

export interface WazuhDbPort {
  send(command: string, options?: CallOpts): Promise<WdbRawReply>;
  getGroupAgents(group: string, options?: CallOpts): Promise<number[]>;
  setAgentGroups(
    request: {
      mode: 'override' | 'append' | 'empty_only' | 'remove';
      syncStatus?: 'synced' | 'syncreq';
      data: Array<{ id: number | string; groups: string[] }>;
    },
    options?: CallOpts,
  ): Promise<void>;
}

export interface AgentsSummaryReply {
  agents_by_status?: Record<string, number>;
  agents_by_groups?: Record<string, number>;
  agents_by_os?: Record<string, number>;
}

export interface WdbHttpPort {
  /** Every agent id but the manager's. */
  agentIds(options?: CallOpts): Promise<number[]>;
  agentGroups(agentId: number | string, options?: CallOpts): Promise<string[]>;
  agentsSummary(agentIds?: number[], options?: CallOpts): Promise<AgentsSummaryReply>;
  restartInfo(ids: number[], negate: boolean, options?: CallOpts): Promise<{ items: Array<{ id: number; version?: string }> }>;
}

export interface AuthdForce {
  enabled: boolean;
  disconnected_time?: { enabled: boolean; value: string | number };
  after_registration_time?: string | number;
  key_mismatch?: boolean;
}

export interface AuthdPort {
  add(
    args: { name: string; ip: string; force?: AuthdForce; id?: string; key?: string },
    options?: CallOpts,
  ): Promise<{ id: string; name: string; ip: string; key: string }>;
  remove(id: string, purge?: boolean, options?: CallOpts): Promise<string>;
}

/** A one-request-per-connection socket (remoted's `queue/sockets/remote`, analysisd, the upgrade module...). */
export interface RequestPort {
  requestText(request: string, options?: CallOpts): Promise<string>;
}

export interface DatagramPort {
  /** One entry per message: undefined when sent, the Wazuh error otherwise. */
  sendBatch(messages: string[], options?: CallOpts): Promise<Array<Error | undefined>>;
}

/** Everything the agent and group logic talks to. One per install (WAZUH_PATH). */
export interface AgentDeps {
  paths: WazuhPaths;
  /** This node's name (`node01` standalone): stamped on upgrade tasks and cluster-aware answers. */
  nodeName: string;
  wdb: WazuhDbPort;
  wdbHttp: WdbHttpPort;
  authd: AuthdPort;
  /** `queue/sockets/remote`. */
  remote: RequestPort;
  /** `queue/sockets/analysis`. */
  analysis: RequestPort;
  /** `queue/tasks/upgrade`. */
  upgrade: RequestPort;
  /** The manager component sockets (`queue/sockets/<name>`) for agent 000's configuration and stats. */
  component(name: string): RequestPort;
  /** `queue/alerts/ar`. */
  ar: DatagramPort;
}
