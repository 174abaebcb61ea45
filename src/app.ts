/**
 * The composition root: from a WAZUH_PATH to a listening API. Creates the install layout, reads `api.yaml`,
 * opens the log, wires the services, starts the embedded daemons when asked, builds the express app and listens
 * on every configured host. `close()` undoes all of it in reverse order.
 */
import { join, resolve } from 'node:path';
import { buildApp } from './api/express-app';
import { listen } from './api/server';
import { DEFAULT_SPEC_PATH, loadSpec } from './api/spec';
import { httpsOptions } from './api/tls';
import { LocalDapi } from './cluster/dapi';
import { ensureInstallLayout, loadApiConfig, parseLogSize } from './core/config';
import { createApiLogger, type ApiLogger } from './core/logging';
import { checkDaemonsReady } from './core/manager';
import { readClusterConfig } from './core/ossec-conf';
import { wazuhPathFromEnv, wazuhPaths } from './core/paths';
import { superviseEmbeddedDaemons } from './daemons';
import { removePidFiles, writePidFiles } from './daemons/pid-files';
import { createManagerRuntime } from './framework/manager-runtime';
import { createSecurity } from './rbac';
import type { Services } from './services';
import { createMonitoringDeps } from './core/monitoring';
import { createAgentDeps } from './core/agents';
import { WazuhDBClient } from './ipc';
import { pythonRepr } from './core/pyrepr';

/**
 * Operations that run even when a basic daemon is down: API info, and the daemon status itself, which is what a
 * user needs to see then (Wazuh refuses it too, with 1017). The Security tag only touches rbac.db.
 */
const DAEMON_CHECK_EXEMPT: ReadonlySet<string> = new Set(['default_info', 'manager_get_status']);

/** The node name of `<cluster><node_name>` in ossec.conf (Wazuh's default `node01`, also when unreadable). */
function configuredNodeName(paths: ReturnType<typeof wazuhPaths>): string {
  try {
    return readClusterConfig(paths).node_name || 'node01';
  } catch {
    return 'node01';
  }
}

export interface StartOptions {
  /** Root of the install layout; `$WAZUH_PATH` or the project's `var/` by default. */
  wazuhPath?: string;
  /** Check every JSON response against the spec; `WAZUH_API_VALIDATE_RESPONSES=on` by default, else off. */
  validateResponses?: boolean;
  /** Serve Swagger UI at `/ui`; on unless `WAZUH_API_UI=off`. */
  ui?: boolean;
  /** Also print log lines on stdout. */
  consoleLog?: boolean;
  /** Start the embedded stand-ins of the manager's daemons before listening. */
  daemons?: boolean;
  nodeName?: string;
  specFile?: string;
  /** How long in-flight requests may run on by `close()` (ms). */
  shutdownGraceMs?: number;
}

export interface RunningApi {
  services: Services;
  protocol: 'http' | 'https';
  port: number;
  hosts: string[];
  /** Stops listening (letting in-flight requests finish), stops the daemons, drains and closes the log. */
  close(): Promise<void>;
}

export async function startApi(options: StartOptions = {}): Promise<RunningApi> {
  const env = process.env;
  const paths = wazuhPaths(resolve(options.wazuhPath ?? wazuhPathFromEnv(env)));
  ensureInstallLayout(paths);
  const config = loadApiConfig(paths.api.apiYaml, paths.api.ssl);
  const logger: ApiLogger = createApiLogger({
    logsDir: paths.logs,
    level: config.logs.level,
    format: config.logs.format,
    maxBytes: config.logs.max_size.enabled ? parseLogSize(config.logs.max_size.size) : undefined,
    console: options.consoleLog,
  });
  const cleanups: Array<() => Promise<void>> = [() => logger.close()];
  const cleanUp = async () => {
    for (const step of cleanups.splice(0).reverse()) await step().catch(() => undefined);
  };

  try {
    if (config.cache?.enabled) logger.warning("'cache' is deprecated in api.yaml and has no effect");
    const spec = loadSpec(options.specFile ?? DEFAULT_SPEC_PATH);
    const nodeName = options.nodeName ?? configuredNodeName(paths);

    if (options.daemons) {
      // Restarted when they die on their own; a dead child's pid files stay until then, so the status shows it
      // failed and requests fail fast with 1017 instead of waiting on its sockets.
      const daemons = await superviseEmbeddedDaemons(paths.root, {
        nodeName,
        log: { info: (m) => logger.info(m), warning: (m) => logger.warning(m), error: (m) => logger.error(m) },
      });
      cleanups.push(() => daemons.stop());
    }

    const security = createSecurity({
      paths,
      nodeName,
      specPath: options.specFile,
      logger: { debug: (m) => logger.debug(m), info: (m) => logger.info(m), warn: (m) => logger.warning(m) },
      loginLimits: () => ({ maxAttempts: config.access.max_login_attempts, blockTime: config.access.block_time }),
    });
    cleanups.push(async () => security.close());
    // One wazuh-db connection pool for the agent, monitoring and manager operations (the agent clients own it).
    const agents = createAgentDeps(paths.root, { nodeName });
    cleanups.push(async () => agents.close());
    const sharedWdb = agents.wdb instanceof WazuhDBClient ? agents.wdb : undefined;
    const monitoring = createMonitoringDeps(paths, { wdb: sharedWdb });
    cleanups.push(async () => monitoring.close());
    const manager = createManagerRuntime(paths, { wdb: sharedWdb });
    cleanups.push(async () => manager.close());

    const services: Services = {
      nodeName,
      paths,
      apiConfig: config,
      logger,
      security,
      agents,
      monitoring,
      manager,
      dapi: new LocalDapi({
        nodeName,
        requestTimeout: config.intervals.request_timeout,
        logfile: join(paths.logs, 'api.log'),
        readiness: (ctx) => {
          if (!DAEMON_CHECK_EXEMPT.has(ctx.route.operationId) && ctx.route.tag !== 'Security') checkDaemonsReady(paths, nodeName);
        },
      }),
      apiInfo: spec.info,
    };
    // Like wazuh-apid, the API announces itself in var/run (GET /manager/status reports it).
    const apiPidFiles = writePidFiles(paths.varRun, ['wazuh-apid']);
    cleanups.push(async () => removePidFiles(apiPidFiles));
    manager.start();
    const app = buildApp({
      services,
      spec,
      validateResponses: options.validateResponses ?? env.WAZUH_API_VALIDATE_RESPONSES === 'on',
      ui: options.ui ?? env.WAZUH_API_UI !== 'off',
    });
    const tls = config.https.enabled ? await httpsOptions(config.https, logger) : undefined;
    const listening = await listen(app, { hosts: config.host, port: config.port, tls, logger });
    cleanups.push(() => listening.close(options.shutdownGraceMs));
    logger.info(`Listening on ${pythonRepr(listening.hosts)}:${listening.port}`);

    let closing: Promise<void> | undefined;
    return {
      services,
      protocol: listening.protocol,
      port: listening.port,
      hosts: listening.hosts,
      close: () => (closing ??= cleanUp()),
    };
  } catch (error) {
    logger.error('The API could not start', error);
    await cleanUp();
    throw error;
  }
}
