/**
 * `GET /manager/configuration/{component}/{configuration}`: the configuration a running component actually uses,
 * asked on the component's own socket (protocol.md §7.3). wazuh-db, analysisd and remoted answer the JSON
 * dispatcher; the others answer the plain `getconfig <section>`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WazuhError, WazuhInternalError } from '../errors';
import type { WazuhPaths } from '../paths';
import { componentSocket } from './components';
import { jsonRequest, type DaemonJsonReply, type ManagerPorts, type PortCallOptions, type SocketCodes } from './ports';

/** Wazuh's plain socket helper: missing file 1013, refused 1121, broken exchange 1014. */
export const COMPONENT_SOCKET_CODES: SocketCodes = { missing: 1013, refused: 1121, io: 1014, closed: 1014, timeout: 1014 };

export type ConfigData = Record<string, unknown>;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new WazuhInternalError(3036);
  }
}

/** `ok <json>` -> [status, rest]; a reply without a space cannot be split (1118). */
function splitPlainReply(reply: string): [string, string] {
  const space = reply.indexOf(' ');
  if (space < 0) throw new WazuhInternalError(1118, { extra: 'Data could not be received' });
  return [reply.slice(0, space), reply.slice(space + 1)];
}

function isObject(value: unknown): value is ConfigData {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A component's failure: 1117 when it could not even reach its target (the texts remoted and execd use for that),
 * 1116 for anything else; both name `component:configuration`.
 */
export function componentConfigError(component: string, configuration: string, detail: string): WazuhError {
  const unreachable = detail.includes('No such file or directory') || detail.includes('Cannot send request');
  return new WazuhError(unreachable ? 1117 : 1116, { extra: `${component}:${configuration}` });
}

/** When `auth.use_password` is on, Wazuh shows the enrolment password of `etc/authd.pass` next to it. */
export function addAuthdPassword(paths: Pick<WazuhPaths, 'etc'>, data: ConfigData): void {
  const auth = data.auth;
  if (!isObject(auth) || auth.use_password !== 'yes') return;
  try {
    data['authd.pass'] = readFileSync(join(paths.etc, 'authd.pass'), 'utf8').trimEnd();
  } catch {
    // no password file: nothing to show
  }
}

/**
 * Asks one manager component for one section. Raises 1121 (HTTP 400) when the component's socket does not exist,
 * 1116/1117 when the component answers with an error, transport codes when the exchange breaks.
 */
export async function getManagerActiveConfiguration(
  paths: Pick<WazuhPaths, 'sockets' | 'etc'>,
  ports: Pick<ManagerPorts, 'socket'>,
  component: string,
  configuration: string,
  options: PortCallOptions = {},
): Promise<ConfigData> {
  if (!component || !configuration) throw new WazuhError(1307);
  const target = componentSocket(paths, component);
  if (!existsSync(target.path)) {
    throw new WazuhError(1121, { extra: `Please verify that the component '${component}' is properly configured` });
  }

  let status: string | number;
  let payload: unknown;
  if (target.protocol === 'plain') {
    const reply = await ports.socket(target.path, COMPONENT_SOCKET_CODES).requestText(`getconfig ${configuration}`, options);
    [status, payload] = splitPlainReply(reply);
  } else {
    const text = await ports
      .socket(target.path, COMPONENT_SOCKET_CODES)
      .requestText(jsonRequest('getconfig', { section: configuration }), options);
    const reply = parseJson(text) as DaemonJsonReply;
    status = reply.error;
    payload = reply.error === 0 ? reply.data : (reply.data ?? reply.message);
  }

  if (status === 'ok' || status === 0) {
    const data = typeof payload === 'string' ? parseJson(payload) : payload;
    if (!isObject(data)) throw new WazuhInternalError(3036);
    addAuthdPassword(paths, data);
    return data;
  }
  throw componentConfigError(component, configuration, typeof payload === 'string' ? payload : JSON.stringify(payload ?? ''));
}
