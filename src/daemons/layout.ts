/** The parts of the install tree the embedded daemons need, created when missing (protocol.md §10, §14). */
import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { ensureManagerDirectories } from '../core/config/layout';
import type { WazuhPaths } from '../core/paths';

export function ensureDaemonLayout(paths: WazuhPaths): void {
  ensureManagerDirectories(paths);
  // The group every agent starts in, and the keys file authd keeps.
  mkdirSync(join(paths.shared, 'default'), { recursive: true });
  if (!existsSync(paths.clientKeys)) closeSync(openSync(paths.clientKeys, 'a', 0o640));
}
