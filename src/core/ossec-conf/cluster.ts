/**
 * The `<cluster>` section of `ossec.conf`, as the cluster daemon and the API read it: missing options take their
 * defaults, no section at all means a disabled single node called `node01` of type `master`.
 */
import { WazuhError } from '../errors';
import type { WazuhPaths } from '../paths';
import { getOssecConf } from './read';

export interface ClusterConfig {
  /** False when there is no `<cluster>` section or it says `<disabled>yes</disabled>`. */
  enabled: boolean;
  disabled: boolean;
  name: string;
  node_name: string;
  /** `master` or `worker` once `checkClusterConfig` has passed (`client` is read as `worker`). */
  node_type: string;
  key: string;
  port: number;
  bind_addr: string;
  nodes: string[];
  hidden: string;
  /**
   * The section as `GET /cluster/local/config` shows it: every option found, defaults added, `port` a number,
   * `disabled` a boolean.
   */
  settings: Record<string, unknown>;
}

const DEFAULTS = Object.freeze({
  disabled: false,
  node_type: 'master',
  name: 'wazuh',
  node_name: 'node01',
  key: '',
  port: 1516,
  bind_addr: '0.0.0.0',
  nodes: ['NODE_IP'],
  hidden: 'no',
});

const MIN_PORT = 1024;
const MAX_PORT = 65535;
const RESERVED_NODES = ['localhost', 'NODE_IP', '0.0.0.0', '127.0.1.1'];

function configError(text: string): WazuhError {
  return new WazuhError(3004, { extra: text });
}

function typed(settings: Record<string, unknown>): ClusterConfig {
  const text = (key: string) => (typeof settings[key] === 'string' ? (settings[key] as string) : '');
  const disabled = settings.disabled === true;
  return {
    enabled: !disabled,
    disabled,
    name: text('name'),
    node_name: text('node_name'),
    node_type: text('node_type'),
    key: text('key'),
    port: settings.port as number,
    bind_addr: text('bind_addr'),
    nodes: Array.isArray(settings.nodes) ? settings.nodes.filter((node): node is string => typeof node === 'string') : [],
    hidden: text('hidden'),
    settings,
  };
}

/** Turns the converted `<cluster>` section into settings with defaults, a numeric port and a boolean `disabled`. */
export function clusterSettings(section: Record<string, unknown> | undefined): ClusterConfig {
  if (section === undefined) return typed({ ...DEFAULTS, nodes: [...DEFAULTS.nodes], disabled: true });
  const settings: Record<string, unknown> = { ...section };
  for (const [key, value] of Object.entries(DEFAULTS)) {
    if (!(key in settings)) settings[key] = Array.isArray(value) ? [...value] : value;
  }
  const port = settings.port;
  if (typeof port === 'string' && /^\d+$/.test(port)) settings.port = Number.parseInt(port, 10);
  else if (typeof port !== 'number') throw configError('Cluster port must be an integer.');
  if (settings.disabled === 'no') settings.disabled = false;
  else if (settings.disabled === 'yes') settings.disabled = true;
  else if (typeof settings.disabled !== 'boolean') {
    throw configError(`Allowed values for 'disabled' field are 'yes' and 'no'. Found: '${String(settings.disabled)}'`);
  }
  if (settings.node_type === 'client') settings.node_type = 'worker';
  return typed(settings);
}

/** Reads the cluster settings from `etc/ossec.conf`; a file that cannot be read is error 3006. */
export function readClusterConfig(paths: Pick<WazuhPaths, 'ossecConf'>): ClusterConfig {
  let section: Record<string, unknown> | undefined;
  try {
    section = getOssecConf(paths, { section: 'cluster' }).cluster as Record<string, unknown>;
  } catch (error) {
    if (error instanceof WazuhError && error.code === 1106) section = undefined;
    else throw new WazuhError(3006, { extra: (error as Error).message });
  }
  return clusterSettings(section);
}

/**
 * The checks the cluster daemon makes before starting a node (all error 3004): a 32-character alphanumeric key,
 * a known node type, a port strictly between 1024 and 65535, no reserved address in `nodes`.
 */
export function checkClusterConfig(config: ClusterConfig): void {
  if (config.key.length === 0) throw configError('Unspecified key');
  if (!/^[\p{L}\p{N}_]+$/u.test(config.key) || config.key.length !== 32) {
    throw configError('Key must be 32 characters long and only have alphanumeric characters');
  }
  if (config.node_type !== 'master' && config.node_type !== 'worker') {
    throw configError(`Invalid node type ${config.node_type}. Correct values are master and worker`);
  }
  if (!Number.isInteger(config.port)) throw configError('Port has to be an integer.');
  if (!(MIN_PORT < config.port && config.port < MAX_PORT)) {
    throw configError(`Port must be higher than ${MIN_PORT} and lower than ${MAX_PORT}.`);
  }
  const reserved = RESERVED_NODES.filter((address) => config.nodes.includes(address));
  if (reserved.length > 0) throw configError(`Invalid elements in node fields: ${reserved.join(', ')}.`);
}
