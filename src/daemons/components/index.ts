/**
 * The request sockets of the manager's component daemons (logcollector, syscheckd, modulesd's `wmodules`,
 * monitord, and maild / agentlessd / csyslogd / integratord when `ossec.conf` enables them), each answering
 * `getconfig` from the configuration file. Every daemon that runs here gets its pid file, as on a real manager.
 */
import type { EmbeddedDaemon } from '../types';
import { startFramedServer, type RunningServer } from '../common/framed-server';
import { removePidFiles, removeStalePidFiles, writePidFiles } from '../pid-files';
import { COMPONENT_DAEMONS, type CatalogueEntry } from './catalogue';
import { readManagerConf } from './conf';
import { plainComponentHandler } from './plain-service';

export { COMPONENT_DAEMONS } from './catalogue';

function componentDaemon(entry: CatalogueEntry): EmbeddedDaemon {
  return {
    name: entry.daemon,
    async start(context) {
      if (!entry.runs(readManagerConf(context.paths))) return { stop: async () => undefined };
      const pidFiles: string[] = [];
      if (entry.ownsPidFile) {
        removeStalePidFiles(context.paths.varRun, [entry.daemon]);
        pidFiles.push(...writePidFiles(context.paths.varRun, [entry.daemon]));
      }
      let server: RunningServer;
      try {
        server = await startFramedServer(
          context.paths.sockets.component(entry.socket),
          plainComponentHandler(entry, context.paths),
          { oneShot: true, onError: (error) => context.log(entry.daemon, 'ERROR', `Request failed: ${String(error)}`) },
        );
      } catch (error) {
        removePidFiles(pidFiles);
        throw error;
      }
      return {
        async stop() {
          removePidFiles(pidFiles);
          await server.close();
        },
      };
    },
  };
}

export const componentDaemons: readonly EmbeddedDaemon[] = COMPONENT_DAEMONS.map(componentDaemon);
