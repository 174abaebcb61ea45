/**
 * wazuh-db's HTTP API on `queue/sockets/wdb-http.sock` (protocol.md §3): HTTP/1.1 over a Unix socket, JSON
 * bodies, base path `/v1`. Empty collections are left out of objects, as Wazuh's serializer does.
 */
import { chmodSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { prepareSocketPath, type RunningServer } from '../common/framed-server';
import type { WazuhDb } from './service';

const MAX_BODY_BYTES = 64 * 1024 * 1024;

type CountRow = { key: string; count: number };

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function toCounts(rows: CountRow[]): Record<string, number> | undefined {
  if (rows.length === 0) return undefined;
  return Object.fromEntries(rows.map((row) => [row.key, row.count]));
}

export class WdbHttpApi {
  constructor(private readonly wdb: WazuhDb) {}

  async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const method = req.method ?? 'GET';
    if (parts[0] !== 'v1' || parts[1] !== 'agents') return send(res, 404, { error: 'Not Found' });
    const rest = parts.slice(2);

    if (method === 'GET' && rest.length === 1 && rest[0] === 'ids') return send(res, 200, this.agentIds());
    if (method === 'GET' && rest.length === 2 && rest[0] === 'ids' && rest[1] === 'groups') {
      const data = this.allAgentGroups();
      return send(res, 200, Object.keys(data).length > 0 ? { data } : {});
    }
    if (method === 'GET' && rest.length === 3 && rest[0] === 'ids' && rest[1] === 'groups') {
      return send(res, 200, [...this.wdb.groups.agentIdsIn(rest[2], 0)]);
    }
    if (method === 'GET' && rest.length === 2 && rest[1] === 'groups' && /^\d+$/.test(rest[0])) {
      return send(res, 200, this.wdb.groups.groupsOf(Number(rest[0])));
    }
    if (method === 'POST' && rest.length === 1 && rest[0] === 'summary') {
      const ids = (await readBody(req)).match(/-?\d+/g)?.map(Number);
      return send(res, 200, this.summary(ids));
    }
    if (method === 'POST' && rest.length === 1 && rest[0] === 'restartinfo') {
      let body: { ids?: unknown; negate?: unknown };
      try {
        body = JSON.parse((await readBody(req)) || '{}') as typeof body;
      } catch {
        return send(res, 400, { error: 'Invalid JSON body' });
      }
      const ids = Array.isArray(body.ids) ? body.ids.map(Number).filter(Number.isFinite) : [];
      return send(res, 200, { items: this.restartInfo(ids, body.negate === true) });
    }
    return send(res, 404, { error: 'Not Found' });
  }

  private agentIds(): number[] {
    return this.wdb.store.global.statement('SELECT id FROM agent WHERE id > 0 ORDER BY id').pluck(true).all() as number[];
  }

  private allAgentGroups(): Record<string, string[]> {
    const rows = this.wdb.store.global
      .statement(
        'SELECT b.id_agent AS id, g.name AS name FROM belongs b JOIN `group` g ON g.id = b.id_group ORDER BY b.id_agent, b.priority',
      )
      .all() as Array<{ id: number; name: string }>;
    const data: Record<string, string[]> = {};
    for (const row of rows) (data[String(row.id)] ??= []).push(row.name);
    return data;
  }

  /** Counts by status, group and platform of the given agents (all but the manager); top 5 of each without ids. */
  private summary(ids: number[] | undefined): Record<string, Record<string, number>> {
    const filtered = ids !== undefined;
    const idFilter = filtered ? 'AND a.id IN (SELECT value FROM json_each(@ids))' : '';
    const limit = filtered ? '' : 'LIMIT 5';
    const global = this.wdb.store.global;
    const count = (sql: string) =>
      (filtered ? global.statement(sql).all({ ids: JSON.stringify(ids) }) : global.statement(sql).all()) as CountRow[];
    const result: Record<string, Record<string, number>> = {};
    const byStatus = toCounts(
      count(`SELECT a.connection_status AS key, COUNT(*) AS count FROM agent a WHERE a.id > 0 ${idFilter}
             GROUP BY a.connection_status ORDER BY count DESC, key ${limit}`),
    );
    const byGroup = toCounts(
      count(`SELECT g.name AS key, COUNT(*) AS count FROM belongs b JOIN \`group\` g ON g.id = b.id_group
             JOIN agent a ON a.id = b.id_agent WHERE a.id > 0 ${idFilter} GROUP BY g.name ORDER BY count DESC, key ${limit}`),
    );
    const byOs = toCounts(
      count(`SELECT a.os_platform AS key, COUNT(*) AS count FROM agent a WHERE a.id > 0 AND a.os_platform IS NOT NULL
             ${idFilter} GROUP BY a.os_platform ORDER BY count DESC, key ${limit}`),
    );
    if (byStatus) result.agents_by_status = byStatus;
    if (byGroup) result.agents_by_groups = byGroup;
    if (byOs) result.agents_by_os = byOs;
    return result;
  }

  private restartInfo(ids: number[], negate: boolean): Array<{ id: number; version?: string }> {
    const filter = ids.length === 0 ? '' : `AND id ${negate ? 'NOT IN' : 'IN'} (SELECT value FROM json_each(@ids))`;
    const statement = this.wdb.store.global.statement(
      `SELECT id, version FROM agent WHERE connection_status = 'active' ${filter} ORDER BY id`,
    );
    const rows = (ids.length === 0 ? statement.all() : statement.all({ ids: JSON.stringify(ids) })) as Array<{
      id: number;
      version: string | null;
    }>;
    return rows.map((row) => (row.version === null ? { id: row.id } : { id: row.id, version: row.version }));
  }
}

export async function startWdbHttpServer(path: string, wdb: WazuhDb): Promise<RunningServer> {
  prepareSocketPath(path);
  const api = new WdbHttpApi(wdb);
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    api.route(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, { error: error instanceof Error ? error.message : String(error) });
      else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => {
      server.off('error', reject);
      resolve();
    });
  });
  chmodSync(path, 0o660);
  return {
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => {
          rmSync(path, { force: true });
          resolve();
        });
      }),
  };
}
