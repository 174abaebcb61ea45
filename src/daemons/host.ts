/**
 * Runs the embedded daemons inside the current process: prepares the install tree, starts each registered
 * stand-in in order, writes the pid files the API reads, and undoes all of it on stop.
 */
import { appendFileSync } from 'node:fs';
import { wazuhPaths } from '../core/paths';
import { ensureDaemonLayout } from './layout';
import { PID_FILE_DAEMONS, removePidFiles, removeStalePidFiles, writePidFiles } from './pid-files';
import { EMBEDDED_DAEMONS } from './registry';
import { managerIdentity } from './wazuh-db/manager-identity';
import type { DaemonContext, EmbeddedDaemon, LogLevel, RunningDaemon, ServiceRegistry } from './types';

export interface DaemonHostOptions {
  /** Manager name written into a fresh global.db (default: the host name). */
  hostname?: string;
  /** Version stored for the manager, `Wazuh vX.Y.Z` (default `Wazuh v4.14.4`). */
  version?: string;
  nodeName?: string;
  /** Stand-ins to run (default: all of `registry.ts`). */
  daemons?: readonly EmbeddedDaemon[];
  /** Daemons that get a pid file (default: the ones the API checks). */
  pidFileDaemons?: readonly string[];
}

export interface DaemonHost {
  pid: number;
  stop(): Promise<void>;
}

function timestamp(date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${date.getFullYear()}/${pad(date.getMonth() + 1)}/${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
  );
}

class Services implements ServiceRegistry {
  private readonly services = new Map<string, unknown>();
  provide<T>(name: string, service: T): void {
    this.services.set(name, service);
  }
  require<T>(name: string): T {
    if (!this.services.has(name)) throw new Error(`embedded service '${name}' is not running`);
    return this.services.get(name) as T;
  }
}

export async function startDaemonHost(wazuhPath: string, options: DaemonHostOptions = {}): Promise<DaemonHost> {
  const paths = wazuhPaths(wazuhPath);
  ensureDaemonLayout(paths);
  const pidDaemons = options.pidFileDaemons ?? PID_FILE_DAEMONS;
  removeStalePidFiles(paths.varRun, pidDaemons);
  const log = (tag: string, level: LogLevel, message: string) => {
    try {
      appendFileSync(paths.ossecLog, `${timestamp()} ${tag}: ${level}: ${message}\n`);
    } catch {
      // logging must never stop a daemon
    }
  };
  const context: DaemonContext = {
    paths,
    manager: managerIdentity({ hostname: options.hostname, version: options.version, nodeName: options.nodeName }),
    log,
    services: new Services(),
  };
  const running: Array<{ name: string; daemon: RunningDaemon }> = [];
  const stopAll = async () => {
    for (const { name, daemon } of running.splice(0).reverse()) {
      try {
        await daemon.stop();
      } catch (error) {
        log(name, 'ERROR', `Stop failed: ${String(error)}`);
      }
    }
  };
  try {
    for (const daemon of options.daemons ?? EMBEDDED_DAEMONS) {
      running.push({ name: daemon.name, daemon: await daemon.start(context) });
      log(daemon.name, 'INFO', `Started (pid: ${process.pid}).`);
    }
  } catch (error) {
    await stopAll();
    throw error;
  }
  const pidFiles = writePidFiles(paths.varRun, pidDaemons);
  let stopped = false;
  return {
    pid: process.pid,
    async stop() {
      if (stopped) return;
      stopped = true;
      removePidFiles(pidFiles);
      await stopAll();
    },
  };
}
