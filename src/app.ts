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
import { wazuhPathFromEnv, wazuhPaths } from './core/paths';
import { startEmbeddedDaemons } from './daemons';
import { createSecurity } from './rbac';
import type { Services } from './services';
import { createMonitoringDeps } from './core/syscheck';

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

/** `['0.0.0.0', '::']` as Wazuh prints its host list in the start-up line. */
const hostList = (hosts: string[]) => `[${hosts.map((h) => `'${h}'`).join(', ')}]`;

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
    const nodeName = options.nodeName ?? 'node01';

    if (options.daemons) {
      const daemons = await startEmbeddedDaemons(paths.root, { nodeName });
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
    const monitoring = createMonitoringDeps(paths);
    cleanups.push(async () => monitoring.close());

    const services: Services = {
      nodeName,
      paths,
      apiConfig: config,
      logger,
      security,
      monitoring,
      dapi: new LocalDapi({ nodeName, requestTimeout: config.intervals.request_timeout, logfile: join(paths.logs, 'api.log') }),
      apiInfo: spec.info,
    };
    const app = buildApp({
      services,
      spec,
      validateResponses: options.validateResponses ?? env.WAZUH_API_VALIDATE_RESPONSES === 'on',
      ui: options.ui ?? env.WAZUH_API_UI !== 'off',
    });
    const tls = config.https.enabled ? await httpsOptions(config.https, logger) : undefined;
    const listening = await listen(app, { hosts: config.host, port: config.port, tls, logger });
    cleanups.push(() => listening.close(options.shutdownGraceMs));
    logger.info(`Listening on ${hostList(listening.hosts)}:${listening.port}`);

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
