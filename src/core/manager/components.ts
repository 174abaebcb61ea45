/**
 * The components whose live configuration the API can ask for, the sections each one answers, and where each one
 * listens (protocol.md §5.1, §7.3).
 */
import { WazuhError } from '../errors';
import { pythonSetRepr } from '../pyrepr';
import type { WazuhPaths } from '../paths';

/** Component -> the configuration sections the API accepts for it, in Wazuh's listing order. */
export const COMPONENT_CONFIGURATIONS: Readonly<Record<string, readonly string[]>> = Object.freeze({
  agent: ['client', 'buffer', 'labels', 'internal', 'anti_tampering'],
  agentless: ['agentless'],
  analysis: ['global', 'active_response', 'alerts', 'command', 'rules', 'decoders', 'internal', 'rule_test'],
  auth: ['auth'],
  com: ['active-response', 'logging', 'internal', 'cluster'],
  csyslog: ['csyslog'],
  integrator: ['integration'],
  logcollector: ['localfile', 'socket', 'internal'],
  mail: ['global', 'alerts', 'internal'],
  monitor: ['global', 'internal', 'reports'],
  request: ['global', 'remote', 'internal'],
  syscheck: ['syscheck', 'rootcheck', 'internal'],
  'wazuh-db': ['wdb', 'internal'],
  wmodules: ['wmodules'],
});

export function isKnownComponent(component: string): boolean {
  return Object.prototype.hasOwnProperty.call(COMPONENT_CONFIGURATIONS, component);
}

/** 1101 for a component the API cannot ask, listing the ones it can. */
export function requireKnownComponent(component: string): void {
  if (!isKnownComponent(component)) {
    throw new WazuhError(1101, { extra: `Valid components: ${Object.keys(COMPONENT_CONFIGURATIONS).join(', ')}` });
  }
}

/**
 * The API's check of a `{component}/{configuration}` pair, made before anything runs: an unknown pair is 1128
 * (HTTP 400, no `dapi_errors`) listing the valid configurations of the component.
 */
export function checkComponentConfiguration(component: string, configuration: string): void {
  // The spec's enum stops unknown components first; this keeps core safe when called directly.
  requireKnownComponent(component);
  const valid = COMPONENT_CONFIGURATIONS[component];
  if (!valid.includes(configuration)) {
    throw new WazuhError(1128, { extra: `Valid configuration values for '${component}': ${pythonSetRepr(valid)}` });
  }
}

/**
 * How a component is asked on the manager: `json` sockets take the dispatcher's `getconfig` with a `section`
 * parameter, `plain` ones take `getconfig <section>` and answer `ok <json>` / `err <text>`.
 */
export type ComponentProtocol = 'json' | 'plain';

export interface ComponentSocket {
  /** The socket's name under `queue/sockets` (or `queue/db` for wazuh-db). */
  name: string;
  path: string;
  protocol: ComponentProtocol;
}

const SOCKET_NAMES: Readonly<Record<string, string>> = {
  agent: 'analysis',
  request: 'remote',
  'wazuh-db': 'wdb',
};

const JSON_SOCKETS = new Set(['remote', 'analysis', 'wdb']);

export function componentSocket(paths: Pick<WazuhPaths, 'sockets'>, component: string): ComponentSocket {
  const name = SOCKET_NAMES[component] ?? component;
  return {
    name,
    path: name === 'wdb' ? paths.sockets.wdb : paths.sockets.component(name),
    protocol: JSON_SOCKETS.has(name) ? 'json' : 'plain',
  };
}
