/**
 * The wazuh-execd stand-in: `queue/sockets/com` (configuration sections, configuration test) and the execution
 * queue `queue/alerts/execq` (manager restart). See `service.ts`.
 */
import { existsSync } from 'node:fs';
import { writeDefaultArConf } from '../../core/active-response/ar-conf';
import { writeDefaultOssecConf } from '../../core/ossec-conf';
import type { EmbeddedDaemon } from '../types';
import { bindDatagramSocket } from '../common/dgram-server';
import { startFramedServer } from '../common/framed-server';
import { ExecdService, type ExecdOptions } from './service';

export { ExecdService, type ExecdOptions } from './service';
export { checkManagerConfiguration } from './check-config';

export function execdDaemon(options: ExecdOptions = {}): EmbeddedDaemon {
  return {
    name: 'wazuh-execd',
    async start(context) {
      // A fresh install ships a configuration; the stand-ins give an empty WAZUH_PATH the stock one.
      if (!existsSync(context.paths.ossecConf)) {
        writeDefaultOssecConf(context.paths);
        context.log('wazuh-execd', 'INFO', `No configuration found: wrote the default ${context.paths.ossecConf}.`);
      }
      // A manager keeps the active-response commands of its configuration there for agents and the API.
      if (writeDefaultArConf(context.paths)) {
        context.log('wazuh-execd', 'INFO', `Wrote the active-response commands of the configuration to ${context.paths.arConf}.`);
      }
      const service = new ExecdService(context.paths, (level, message) => context.log('wazuh-execd', level, message), options);
      const com = await startFramedServer(context.paths.sockets.com, (request) => service.handleCom(request), {
        oneShot: true,
        onError: (error) => context.log('wazuh-execd', 'ERROR', `Request failed: ${String(error)}`),
      });
      const execq = await bindDatagramSocket(context.paths.sockets.execq, (message) => service.handleExecq(message));
      return {
        async stop() {
          service.close();
          await com.close();
          await execq.close();
        },
      };
    },
  };
}
