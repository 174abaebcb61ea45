/**
 * The wazuh-modulesd stand-in's database module: keeps global.db's `group` table in step with the group folders
 * under `etc/shared` (at start and whenever the folder changes), as the real module does. Upgrade tasks and other
 * modules belong here when they are added.
 */
import { readdirSync, watch, type FSWatcher } from 'node:fs';
import type { EmbeddedDaemon } from '../types';
import { WAZUH_DB_SERVICE, type WazuhDb } from '../wazuh-db';

export function groupFolders(sharedDir: string): string[] {
  try {
    return readdirSync(sharedDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
  } catch {
    return [];
  }
}

export const modulesdDaemon: EmbeddedDaemon = {
  name: 'wazuh-modulesd',
  async start(context) {
    const wdb = context.services.require<WazuhDb>(WAZUH_DB_SERVICE);
    const sync = () => {
      try {
        wdb.groups.syncWithFolders(groupFolders(context.paths.shared));
      } catch (error) {
        context.log('wazuh-modulesd:database', 'ERROR', `Group synchronization failed: ${String(error)}`);
      }
    };
    sync();
    let timer: NodeJS.Timeout | undefined;
    let watcher: FSWatcher | undefined;
    try {
      watcher = watch(context.paths.shared, () => {
        if (timer) clearTimeout(timer);
        timer = setTimeout(sync, 100);
      });
      watcher.on('error', () => undefined);
    } catch {
      watcher = undefined;
    }
    return {
      async stop() {
        if (timer) clearTimeout(timer);
        watcher?.close();
      },
    };
  },
};
