/**
 * `npm start`: runs the API on `$WAZUH_PATH` (the project's `var/` by default) until SIGTERM or SIGINT, then
 * shuts down gracefully and exits 0. A configuration error is printed and exits 1.
 *
 * Environment: WAZUH_PATH, WAZUH_API_UI=off (no Swagger UI), WAZUH_API_VALIDATE_RESPONSES=on,
 * WAZUH_EMBEDDED_DAEMONS=off (use the daemons of a real manager at WAZUH_PATH). See README.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startApi } from './app';
import { ApiConfigError } from './core/config';
import { wazuhPathFromEnv } from './core/paths';

/** A real manager is recognised by its control script; its own daemons are then used. */
function wantsEmbeddedDaemons(wazuhPath: string): boolean {
  const setting = process.env.WAZUH_EMBEDDED_DAEMONS;
  if (setting === 'off') return false;
  if (setting === 'on') return true;
  return !existsSync(join(wazuhPath, 'bin', 'wazuh-control'));
}

/** Like Wazuh's `drop_privileges`: once the ports are bound, a root process continues as the `wazuh` user. */
function dropPrivileges(enabled: boolean, warn: (message: string) => void): void {
  if (!enabled || typeof process.getuid !== 'function' || process.getuid() !== 0) return;
  try {
    process.setgid?.('wazuh');
    process.setuid?.('wazuh');
  } catch (error) {
    warn(`drop_privileges: could not switch to the wazuh user (${(error as Error).message}); still running as root`);
  }
}

async function main(): Promise<void> {
  const wazuhPath = wazuhPathFromEnv();
  const api = await startApi({ wazuhPath, consoleLog: true, daemons: wantsEmbeddedDaemons(wazuhPath) });
  dropPrivileges(api.services.apiConfig.drop_privileges, (message) => api.services.logger.warning(message));

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    api.services.logger.info(`Received ${signal}, shutting down`);
    api.close().then(
      () => process.exit(0),
      (error) => {
        process.stderr.write(`Shutdown failed: ${(error as Error).stack ?? String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  const message = error instanceof ApiConfigError ? error.message : ((error as Error).stack ?? String(error));
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
