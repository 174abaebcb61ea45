/**
 * `GET /manager/daemons/stats`: the live counters of remoted, analysisd and wazuh-db, asked with the JSON
 * `getstats` command on each daemon's socket (protocol.md §5.2, §2.7).
 */
import { WazuhError, WazuhInternalError } from '../errors';
import type { WazuhPaths } from '../paths';
import { jsonRequest, type DaemonJsonReply, type ManagerPorts, type PortCallOptions } from './ports';

export const STATS_DAEMONS = ['wazuh-remoted', 'wazuh-analysisd', 'wazuh-db'] as const;
export type StatsDaemon = (typeof STATS_DAEMONS)[number];

export function statsSocket(paths: Pick<WazuhPaths, 'sockets'>, daemon: StatsDaemon): string {
  switch (daemon) {
    case 'wazuh-remoted':
      return paths.sockets.remote;
    case 'wazuh-analysisd':
      return paths.sockets.analysis;
    case 'wazuh-db':
      return paths.sockets.wdb;
  }
}

/** Epoch seconds as Wazuh renders the dates of daemon statistics: `2025-06-24T22:13:27+00:00`. */
export function epochToOffsetDate(value: unknown): unknown {
  if (typeof value !== 'number' || !Number.isFinite(value)) return value;
  const date = new Date(Math.floor(value) * 1000);
  if (Number.isNaN(date.getTime())) return value;
  return `${date.toISOString().slice(0, 19)}+00:00`;
}

/**
 * Sends `getstats` to one daemon and returns its `data` with `uptime` and `timestamp` as dates. Not reaching the
 * daemon is 1121 naming the socket; a daemon-side error keeps the daemon's own code and text.
 */
export async function getDaemonStats(
  paths: Pick<WazuhPaths, 'sockets'>,
  ports: ManagerPorts,
  daemon: StatsDaemon,
  options: PortCallOptions = {},
): Promise<Record<string, unknown>> {
  const path = statsSocket(paths, daemon);
  let text: string;
  try {
    text = await ports
      .socket(path, { missing: 1121, refused: 1121, io: 1014, closed: 1014, timeout: 1014 })
      .requestText(jsonRequest('getstats'), options);
  } catch (error) {
    if (error instanceof WazuhError && error.code === 1121) throw new WazuhInternalError(1121, { extra: path });
    throw error;
  }
  let reply: DaemonJsonReply;
  try {
    reply = JSON.parse(text);
  } catch {
    throw new WazuhInternalError(3036);
  }
  if (reply.error !== 0) {
    throw new WazuhError(Number(reply.error) || 1000, { verbatim: String(reply.message ?? '') }, 'internal');
  }
  const data = (reply.data ?? {}) as Record<string, unknown>;
  if ('timestamp' in data) data.timestamp = epochToOffsetDate(data.timestamp);
  if ('uptime' in data) data.uptime = epochToOffsetDate(data.uptime);
  return data;
}
