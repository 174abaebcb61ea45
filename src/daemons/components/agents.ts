/**
 * What the analysisd and remoted stand-ins need to know about agents, read from the embedded wazuh-db through its
 * own request protocol (so they depend on nothing but what the real daemons ask wazuh-db for).
 */

export interface KnownAgent {
  id: number;
  name: string;
  /** `active`, `disconnected`, `pending`, `never_connected`. */
  status: string;
  /** `Wazuh v4.14.4`, or null before the agent ever connected. */
  version: string | null;
  ip: string | null;
  lastKeepAlive: number | null;
  dateAdd: number | null;
}

export interface AgentDirectory {
  agent(id: number): KnownAgent | undefined;
  /** Ids of active agents (never the manager) above `afterId`, ascending, at most `limit`. */
  activeAgentIds(afterId: number, limit: number): number[];
}

/** Anything that answers wazuh-db's text protocol (`global sql ...` -> `ok [...]`). */
export interface WdbRequestHandler {
  handle(request: string): string;
}

type Row = Record<string, unknown>;

function rows(reply: string): Row[] {
  if (!reply.startsWith('ok ')) return [];
  try {
    const parsed = JSON.parse(reply.slice(3)) as unknown;
    return Array.isArray(parsed) ? (parsed as Row[]) : [];
  } catch {
    return [];
  }
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const number = (value: unknown): number | null => (typeof value === 'number' ? value : null);

export function wdbAgentDirectory(wdb: WdbRequestHandler): AgentDirectory {
  return {
    agent(id) {
      if (!Number.isSafeInteger(id) || id < 0) return undefined;
      const [row] = rows(
        wdb.handle(
          `global sql select id, name, connection_status, version, ip, last_keepalive, date_add from agent where id = ${id}`,
        ),
      );
      if (!row) return undefined;
      return {
        id,
        name: String(row.name ?? ''),
        status: String(row.connection_status ?? 'never_connected'),
        version: text(row.version),
        ip: text(row.ip),
        lastKeepAlive: number(row.last_keepalive),
        dateAdd: number(row.date_add),
      };
    },
    activeAgentIds(afterId, limit) {
      const after = Number.isSafeInteger(afterId) ? Math.max(0, afterId) : 0;
      const count = Math.max(1, Math.floor(limit));
      return rows(
        wdb.handle(
          `global sql select id from agent where id > ${after} and connection_status = 'active' order by id limit ${count}`,
        ),
      )
        .map((row) => Number(row.id))
        .filter((id) => Number.isSafeInteger(id));
    },
  };
}
