/**
 * The contract between the daemon host and each embedded stand-in. Adding a daemon means writing one module that
 * exports an `EmbeddedDaemon` and adding it to the list in `registry.ts`.
 */
import type { WazuhPaths } from '../core/paths';
import type { ManagerIdentity } from './wazuh-db/manager-identity';

export type LogLevel = 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR';

export interface DaemonContext {
  paths: WazuhPaths;
  manager: ManagerIdentity;
  /** Writes a line to `logs/ossec.log` in Wazuh's format, tagged with the daemon's name. */
  log(tag: string, level: LogLevel, message: string): void;
  /** In-process services the stand-ins share (e.g. `wazuh-db` for authd). */
  services: ServiceRegistry;
}

export interface ServiceRegistry {
  provide<T>(name: string, service: T): void;
  /** Throws when the service is missing: a daemon listed before its dependency is a wiring bug. */
  require<T>(name: string): T;
}

export interface RunningDaemon {
  stop(): Promise<void>;
}

export interface EmbeddedDaemon {
  /** Daemon name as Wazuh names it (`wazuh-db`, `wazuh-authd`...). */
  name: string;
  start(context: DaemonContext): Promise<RunningDaemon>;
}
