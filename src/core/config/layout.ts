/**
 * Creates what is missing of a Wazuh install layout under WAZUH_PATH, on every start. Existing files are never
 * touched, so pointing WAZUH_PATH at a real manager is safe.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { WazuhPaths } from '../paths';
import { DEFAULT_API_YAML } from './defaults';

/** The manager's folders the API and the daemons (embedded or real) read and write (protocol.md §10). */
export function ensureManagerDirectories(paths: WazuhPaths): void {
  const directories = [
    paths.etc,
    paths.shared,
    paths.logs,
    paths.stats,
    paths.tmp,
    paths.varRun,
    paths.varDb,
    paths.multigroups,
    paths.queueDb,
    dirname(paths.sockets.auth),
    dirname(paths.sockets.activeResponse),
    dirname(paths.tasksDb),
    dirname(paths.sockets.cluster),
  ];
  for (const directory of directories) mkdirSync(directory, { recursive: true });
}

/** The manager's folders plus the API's own configuration (`api/configuration`, a default `api.yaml`). */
export function ensureInstallLayout(paths: WazuhPaths): void {
  ensureManagerDirectories(paths);
  mkdirSync(paths.api.configuration, { recursive: true });
  // Keys and certificates live here: readable by the owner and group only.
  mkdirSync(paths.api.security, { recursive: true, mode: 0o750 });
  mkdirSync(paths.api.ssl, { recursive: true, mode: 0o750 });
  if (!existsSync(paths.api.apiYaml)) writeFileSync(paths.api.apiYaml, DEFAULT_API_YAML, { mode: 0o660 });
}
