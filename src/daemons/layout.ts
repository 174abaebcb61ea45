/** The parts of the install tree the embedded daemons need, created when missing (protocol.md §10, §14). */
import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import type { WazuhPaths } from '../core/paths';

export function ensureInstallLayout(paths: WazuhPaths): void {
  const dirs = [
    paths.etc,
    paths.shared,
    join(paths.shared, 'default'),
    paths.logs,
    paths.stats,
    paths.tmp,
    paths.varRun,
    paths.varDb,
    paths.multigroups,
    paths.queueDb,
    join(paths.root, 'queue', 'sockets'),
    join(paths.root, 'queue', 'alerts'),
    join(paths.root, 'queue', 'tasks'),
  ];
  for (const dir of dirs) mkdirSync(dir, { recursive: true });
  if (!existsSync(paths.clientKeys)) closeSync(openSync(paths.clientKeys, 'a', 0o640));
}
