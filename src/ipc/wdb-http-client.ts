/**
 * Client of wazuh-db's HTTP API on `queue/sockets/wdb-http.sock` (HTTP/1.1 over a Unix socket, base `/v1`,
 * protocol.md §3). Keep-alive connections are pooled by an http.Agent. A non-2xx answer is framework error 2012,
 * a transport failure 2013, a timeout 2014, an unreachable socket 2016.
 */
import { Agent, request as httpRequest, type IncomingMessage } from 'node:http';
import { CallBudget, type CallOptions } from './call';
import { WDB_HTTP_CODES, classifySocketError, describeError, socketError } from './errors';
import { wazuhPaths } from '../core/paths';
import { WazuhError, WazuhInternalError } from '../core/errors';

export interface AgentsSummary {
  agents_by_status?: Record<string, number>;
  agents_by_groups?: Record<string, number>;
  agents_by_os?: Record<string, number>;
}

export interface RestartInfo {
  items: Array<{ id: number; version?: string }>;
}

export class WazuhDBHttpClient {
  readonly path: string;
  private readonly agent: Agent;
  private readonly timeoutMs: number;

  constructor(options: { path: string; timeoutMs?: number; maxSockets?: number }) {
    this.path = options.path;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.agent = new Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 4 });
  }

  static forInstall(wazuhPath: string, options: { timeoutMs?: number; maxSockets?: number } = {}): WazuhDBHttpClient {
    return new WazuhDBHttpClient({ ...options, path: wazuhPaths(wazuhPath).sockets.wdbHttp });
  }

  close(): void {
    this.agent.destroy();
  }

  /** `GET /v1/agents/{id}/groups`: the agent's groups by priority. */
  agentGroups(agentId: number | string, options: CallOptions = {}): Promise<string[]> {
    return this.request<string[]>('GET', `/v1/agents/${encodeURIComponent(String(agentId))}/groups`, undefined, options);
  }

  /** `GET /v1/agents/ids`: every agent id except the manager's. */
  agentIds(options: CallOptions = {}): Promise<number[]> {
    return this.request<number[]>('GET', '/v1/agents/ids', undefined, options);
  }

  /** `GET /v1/agents/ids/groups/{name}`: ids of the agents in one group. */
  groupAgentIds(group: string, options: CallOptions = {}): Promise<number[]> {
    return this.request<number[]>('GET', `/v1/agents/ids/groups/${encodeURIComponent(group)}`, undefined, options);
  }

  /** `GET /v1/agents/ids/groups`: every agent's groups, keyed by id. */
  async allAgentGroups(options: CallOptions = {}): Promise<Record<string, string[]>> {
    const body = await this.request<{ data?: Record<string, string[]> }>('GET', '/v1/agents/ids/groups', undefined, options);
    return body.data ?? {};
  }

  /** `POST /v1/agents/summary`: counts by status, group and OS platform for the given agents (all when omitted). */
  agentsSummary(agentIds?: number[], options: CallOptions = {}): Promise<AgentsSummary> {
    return this.request<AgentsSummary>('POST', '/v1/agents/summary', agentIds ? JSON.stringify(agentIds) : '', options);
  }

  /** `POST /v1/agents/restartinfo`: active agents (with their version) in, or not in, `ids`. */
  restartInfo(ids: number[], negate: boolean, options: CallOptions = {}): Promise<RestartInfo> {
    return this.request<RestartInfo>('POST', '/v1/agents/restartinfo', JSON.stringify({ ids, negate }), options);
  }

  async request<T>(method: 'GET' | 'POST', urlPath: string, body?: string, options: CallOptions = {}): Promise<T> {
    const timeoutMs = options.timeoutMs ?? this.timeoutMs;
    const budget = new CallBudget(
      timeoutMs,
      options.signal,
      () => socketError(WDB_HTTP_CODES, 'timeout', `no answer from wazuh-db HTTP within ${timeoutMs} ms`),
      () => {
        const reason: unknown = options.signal?.reason;
        return reason instanceof WazuhError ? reason : socketError(WDB_HTTP_CODES, 'io', 'request aborted');
      },
    );
    try {
      const { status, text } = await this.exchange(method, urlPath, body, budget);
      if (status < 200 || status > 299) throw new WazuhInternalError(2012, { extra: text });
      try {
        return JSON.parse(text) as T;
      } catch (error) {
        throw new WazuhInternalError(2012, { extra: `not JSON: ${describeError(error)}` });
      }
    } finally {
      budget.finish();
    }
  }

  private exchange(
    method: string,
    urlPath: string,
    body: string | undefined,
    budget: CallBudget,
  ): Promise<{ status: number; text: string }> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string | number> = { Host: 'localhost', Accept: 'application/json' };
      if (body !== undefined) {
        headers['Content-Type'] = 'application/json';
        headers['Content-Length'] = Buffer.byteLength(body);
      }
      const req = httpRequest({ socketPath: this.path, path: urlPath, method, headers, agent: this.agent });
      const unregister = budget.onCancel((error) => {
        req.destroy();
        reject(error);
      });
      req.on('error', (error) => {
        unregister();
        if (budget.cancelled) return;
        const failure = classifySocketError(error);
        reject(socketError(WDB_HTTP_CODES, failure, `wazuh-db HTTP: ${describeError(error)}`));
      });
      req.on('response', (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', (error) => {
          unregister();
          if (!budget.cancelled) reject(socketError(WDB_HTTP_CODES, 'io', `wazuh-db HTTP: ${describeError(error)}`));
        });
        res.on('end', () => {
          unregister();
          if (!budget.cancelled) resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
        });
      });
      req.end(body);
    });
  }
}
