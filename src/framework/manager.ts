/**
 * The API-facing manager functions: RBAC, then core, then Wazuh's result shapes and messages.
 *
 * On a single node every function needs `manager:<verb>` on `*:*:*` and reports itself as node `manager`; with the
 * cluster enabled it needs `cluster:<verb>` on `node:id:<node name>` and reports the node name (messages then say
 * "in specified node"). Errors a user can cause become failed items of that node id; internal errors propagate
 * (HTTP 500), as in Wazuh.
 */
import {
  checkComponentConfiguration,
  getDaemonStats,
  getManagerActiveConfiguration,
  getManagerInfo,
  managerStatus,
  queryManagerLogs,
  reloadMessage,
  reloadRuleset,
  requestManagerRestart,
  STATS_DAEMONS,
  updateInformationResult,
  validateOssecConf,
  type LogQuery,
  type ManagerPorts,
  type StatsDaemon,
  type UpdateCheckService,
  type UpdateQueryResult,
} from '../core/manager';
import { readManagerLogs, summarizeManagerLogs, type LogFormat } from '../core/manager-logs';
import {
  ctiUrl,
  getOssecConf,
  readClusterConfig,
  readOssecConfRaw,
  replaceOssecConf,
  updateCheckEnabled,
  type UploadConfigurationRules,
} from '../core/ossec-conf';
import { WazuhError, WazuhInternalError, WazuhResourceNotFound } from '../core/errors';
import type { WazuhPaths } from '../core/paths';
import { AffectedItemsResult, RawResult, WazuhResult, type ResultMessages } from '../core/results';
import { readAnalysisdState, readHourlyStats, readRemotedState, readStatsTotals, readWeeklyStats } from '../core/stats';
import { mayReadSecrets, requireAllowed, type RbacScope } from './rbac-filter';

export interface ManagerEnv {
  paths: WazuhPaths;
  ports: ManagerPorts;
  scope: RbacScope;
  signal?: AbortSignal;
}

/** This node as the manager framework names it, and how its permissions are checked. */
export interface NodeView {
  clusterEnabled: boolean;
  /** `manager` on a single node, the node name in a cluster. */
  nodeId: string;
  isMaster: boolean;
}

/** Reads the `<cluster>` block; a configuration that cannot be read counts as a single node. */
export function nodeView(paths: Pick<WazuhPaths, 'ossecConf'>): NodeView {
  try {
    const cluster = readClusterConfig(paths);
    if (cluster.disabled) return { clusterEnabled: false, nodeId: 'manager', isMaster: true };
    return { clusterEnabled: true, nodeId: cluster.node_name, isMaster: cluster.node_type === 'master' };
  } catch {
    return { clusterEnabled: false, nodeId: 'manager', isMaster: true };
  }
}

function authorize(env: ManagerEnv, node: NodeView, verb: string): void {
  if (node.clusterEnabled) requireAllowed(env.scope, `cluster:${verb}`, `node:id:${node.nodeId}`);
  else requireAllowed(env.scope, `manager:${verb}`, '*:*:*');
}

/** `"<text>"` on a single node, `"<text> in specified node"` (or the given suffixes) in a cluster. */
function messages(
  node: NodeView,
  all: string,
  some: string,
  none: string,
  allSuffix = ' in specified node',
  noneSuffix = allSuffix,
): ResultMessages {
  const single = node.nodeId === 'manager';
  return { all: `${all}${single ? '' : allSuffix}`, some, none: `${none}${single ? '' : noneSuffix}` };
}

/** A user error (HTTP 4xx) is reported as a failed item; anything else propagates. */
function isUserError(error: unknown): error is WazuhError {
  return error instanceof WazuhError && error.httpStatus < 500;
}

function single<T>(result: AffectedItemsResult<T>, item: T): AffectedItemsResult<T> {
  return result.addAffected(item);
}

const options = (env: ManagerEnv) => ({ signal: env.signal });

// ---- sensitive values ----

const MASK = '*****';

function maskPath(value: unknown, path: string): void {
  if (Array.isArray(value)) {
    for (const item of value) maskPath(item, path);
    return;
  }
  if (!value || typeof value !== 'object') return;
  const object = value as Record<string, unknown>;
  if (path in object) {
    object[path] = MASK;
    return;
  }
  const dot = path.indexOf('.');
  if (dot < 0 || !(path.slice(0, dot) in object)) return;
  maskPath(object[path.slice(0, dot)], path.slice(dot + 1));
}

/** Replaces `authd.pass` by `*****` for callers who may not change the configuration. */
export function maskSensitive(scope: RbacScope, items: unknown[]): void {
  if (mayReadSecrets(scope)) return;
  for (const item of items) maskPath(item, 'authd.pass');
}

// ---- operations ----

export function getStatus(env: ManagerEnv): AffectedItemsResult {
  const node = nodeView(env.paths);
  authorize(env, node, 'read');
  const result = new AffectedItemsResult(
    messages(node, 'Processes status was successfully read', 'Could not read basic information in some nodes', 'Could not read processes status'),
  );
  return single(result, managerStatus(env.paths));
}

export async function getBasicInfo(env: ManagerEnv): Promise<AffectedItemsResult> {
  const node = nodeView(env.paths);
  authorize(env, node, 'read');
  const result = new AffectedItemsResult(
    messages(node, 'Basic information was successfully read', 'Could not read basic information in some nodes', 'Could not read basic information'),
  );
  return single(result, await getManagerInfo(env.paths, env.ports, { ...options(env), isMaster: node.isMaster }));
}

export interface ReadConfQuery {
  section?: string;
  field?: string;
  raw?: boolean;
  distinct?: boolean;
}

export function readOssecConf(env: ManagerEnv, query: ReadConfQuery = {}): AffectedItemsResult | RawResult {
  const node = nodeView(env.paths);
  authorize(env, node, 'read');
  if (query.raw) {
    // Wazuh opens the file outside its error handling: an unreadable file is a 500, not a failed item.
    try {
      return new RawResult(readOssecConfRaw(env.paths), 'application/xml; charset=utf-8');
    } catch {
      throw new WazuhInternalError(1000);
    }
  }
  const result = new AffectedItemsResult(
    messages(node, 'Configuration was successfully read', 'Could not read configuration in some nodes', 'Could not read configuration'),
  );
  try {
    result.addAffected(getOssecConf(env.paths, { section: query.section, field: query.field, distinct: query.distinct }));
  } catch (error) {
    if (!isUserError(error)) throw error;
    result.addFailedItem(node.nodeId, error);
  }
  maskSensitive(env.scope, result.affectedItems);
  return result;
}

export interface UpdateConfOptions {
  /** `upload_configuration` of the API configuration. */
  rules?: UploadConfigurationRules;
}

export async function updateOssecConf(env: ManagerEnv, content: string, settings: UpdateConfOptions = {}): Promise<AffectedItemsResult> {
  const node = nodeView(env.paths);
  authorize(env, node, 'update_config');
  const result = new AffectedItemsResult(
    messages(node, 'Configuration was successfully updated', 'Could not update configuration in some nodes', 'Could not update configuration'),
  );
  try {
    await replaceOssecConf(env.paths, content, {
      rules: settings.rules,
      validate: () => validateOssecConf(env.paths, env.ports, options(env)),
    });
    result.addAffected(node.nodeId);
  } catch (error) {
    if (!isUserError(error)) throw error;
    result.addFailedItem(node.nodeId, error);
  }
  return result;
}

export async function getDaemonsStats(env: ManagerEnv, daemons?: readonly string[]): Promise<AffectedItemsResult> {
  const node = nodeView(env.paths);
  authorize(env, node, 'read');
  const result = new AffectedItemsResult({
    all: 'Statistical information for each daemon was successfully read',
    some: 'Could not read statistical information for some daemons',
    none: 'Could not read statistical information for any daemon',
  });
  const wanted = daemons && daemons.length > 0 ? daemons : STATS_DAEMONS;
  for (const daemon of wanted) {
    try {
      if (!(STATS_DAEMONS as readonly string[]).includes(daemon)) throw new WazuhError(1000);
      result.addAffected(await getDaemonStats(env.paths, env.ports, daemon as StatsDaemon, options(env)));
    } catch (error) {
      if (!(error instanceof WazuhError)) throw error;
      result.addFailedItem(daemon, error);
    }
  }
  return result;
}

const NODE_STATS = {
  all: 'Statistical information for each node was successfully read',
  some: 'Could not read statistical information for some nodes',
  none: 'Could not read statistical information for any node',
};

export function totals(env: ManagerEnv, date: Date): AffectedItemsResult {
  authorize(env, nodeView(env.paths), 'read');
  return new AffectedItemsResult(NODE_STATS).addAffected(...readStatsTotals(env.paths, date));
}

export function hourly(env: ManagerEnv): AffectedItemsResult {
  authorize(env, nodeView(env.paths), 'read');
  return new AffectedItemsResult({
    all: 'Statistical information per hour for each node was successfully read',
    some: 'Could not read statistical information per hour for some nodes',
    none: 'Could not read statistical information per hour for any node',
  }).addAffected(...readHourlyStats(env.paths));
}

export function weekly(env: ManagerEnv): AffectedItemsResult {
  authorize(env, nodeView(env.paths), 'read');
  return new AffectedItemsResult({
    all: 'Statistical information per week for each node was successfully read',
    some: 'Could not read statistical information per week for some nodes',
    none: 'Could not read statistical information per week for any node',
  }).addAffected(...readWeeklyStats(env.paths));
}

/** The deprecated `stats/analysisd` and `stats/remoted`: the daemons' state files. */
export function daemonStateStats(env: ManagerEnv, daemon: 'analysisd' | 'remoted'): AffectedItemsResult {
  authorize(env, nodeView(env.paths), 'read');
  const items = daemon === 'analysisd' ? readAnalysisdState(env.paths) : readRemotedState(env.paths);
  return new AffectedItemsResult(NODE_STATS).addAffected(...items);
}

/** Which log execd says is written: `ossec.log` unless only JSON logging is on. */
async function activeLogFormat(env: ManagerEnv): Promise<LogFormat> {
  const data = await getManagerActiveConfiguration(env.paths, env.ports, 'com', 'logging', options(env));
  const logging = (data.logging ?? {}) as { plain?: unknown };
  return logging.plain === 'yes' ? 'plain' : 'json';
}

export async function ossecLog(env: ManagerEnv, query: LogQuery = {}): Promise<AffectedItemsResult> {
  const node = nodeView(env.paths);
  authorize(env, node, 'read');
  const entries = readManagerLogs(env.paths, await activeLogFormat(env));
  return new AffectedItemsResult(
    messages(node, 'Logs were successfully read', 'Could not read logs in some nodes', 'Could not read logs'),
  ).addPage(queryManagerLogs(entries, query));
}

export async function ossecLogSummary(env: ManagerEnv): Promise<AffectedItemsResult> {
  const node = nodeView(env.paths);
  authorize(env, node, 'read');
  const entries = readManagerLogs(env.paths, await activeLogFormat(env));
  return new AffectedItemsResult(
    messages(node, 'Log was successfully summarized', 'Could not summarize the log in some nodes', 'Could not summarize the log'),
  ).addAffected(...summarizeManagerLogs(entries));
}

export function getApiConfig(env: ManagerEnv, apiConfig: unknown): AffectedItemsResult {
  const node = nodeView(env.paths);
  authorize(env, node, 'read_api_config');
  const result = new AffectedItemsResult(
    messages(
      node,
      'API configuration was successfully read',
      'Not all API configurations could be read',
      'Could not read API configuration',
      ' in all specified nodes',
      ' in any node',
    ),
  );
  return result.addAffected({ node_name: node.nodeId, node_api_config: structuredClone(apiConfig) });
}

export async function restart(env: ManagerEnv): Promise<AffectedItemsResult> {
  const node = nodeView(env.paths);
  authorize(env, node, 'read');
  authorize(env, node, 'restart');
  const result = new AffectedItemsResult({
    all: `Restart request sent to ${node.nodeId === 'manager' ? '' : 'all specified nodes'}`,
    some: 'Could not send restart request to some specified nodes',
    none: 'Could not send restart request to any node',
  });
  try {
    await requestManagerRestart(env.paths, env.ports, options(env));
    result.addAffected(node.nodeId);
  } catch (error) {
    if (!isUserError(error)) throw error;
    result.addFailedItem(node.nodeId, error);
  }
  return result;
}

export async function reloadAnalysisd(env: ManagerEnv): Promise<AffectedItemsResult> {
  const node = nodeView(env.paths);
  authorize(env, node, 'read');
  authorize(env, node, 'restart');
  const result = new AffectedItemsResult({
    all: `Reload request sent to ${node.nodeId === 'manager' ? '' : 'all specified nodes'}`,
    some: 'Could not send reload request to some specified nodes',
    none: 'Could not send reload request to any node',
  });
  try {
    result.addAffected({ name: node.nodeId, msg: reloadMessage(await reloadRuleset(env.paths, env.ports, options(env))) });
  } catch (error) {
    if (!isUserError(error)) throw error;
    result.addFailedItem(node.nodeId, error);
  }
  return result;
}

export async function validation(env: ManagerEnv): Promise<AffectedItemsResult> {
  const node = nodeView(env.paths);
  authorize(env, node, 'read');
  const result = new AffectedItemsResult(
    messages(
      node,
      'Validation was successfully checked',
      'Could not check validation in some nodes',
      'Could not check validation',
      ' in all nodes',
      ' in any node',
    ),
  );
  try {
    result.addAffected({ name: node.nodeId, ...(await validateOssecConf(env.paths, env.ports, options(env))) });
  } catch (error) {
    if (!isUserError(error)) throw error;
    result.addFailedItem(node.nodeId, error);
  }
  return result;
}

/** Checks the pair before anything runs (1128, no `dapi_errors`): call it from the handler. */
export { checkComponentConfiguration };

export async function getActiveConfig(env: ManagerEnv, component: string, configuration: string): Promise<AffectedItemsResult> {
  const node = nodeView(env.paths);
  authorize(env, node, 'read');
  const result = new AffectedItemsResult(
    messages(node, 'Active configuration was successfully read', 'Could not read active configuration in some nodes', 'Could not read active configuration'),
  );
  try {
    const data = await getManagerActiveConfiguration(env.paths, env.ports, component, configuration, options(env));
    if (Object.keys(data).length > 0) result.addAffected(data);
  } catch (error) {
    if (!isUserError(error)) throw error;
    result.addFailedItem(node.nodeId, error);
  }
  maskSensitive(env.scope, result.affectedItems);
  return result;
}

/**
 * `GET /manager/version/check` (master only; no RBAC): with `force_query` and the update check enabled, asks the
 * CTI service now; then answers from the last stored answer.
 */
export async function checkAvailableVersion(
  env: Pick<ManagerEnv, 'paths'>,
  service: UpdateCheckService,
  uuid: string,
  forceQuery: boolean,
): Promise<WazuhResult> {
  if (!nodeView(env.paths).isMaster) throw new WazuhResourceNotFound(902);
  if (forceQuery && updateCheckEnabled(env.paths)) await service.refresh(uuid, ctiUrl(env.paths));
  const stored: UpdateQueryResult | undefined = service.last;
  return new WazuhResult({ data: updateInformationResult(uuid, stored) });
}
