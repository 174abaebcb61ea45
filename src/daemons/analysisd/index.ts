/**
 * The wazuh-analysisd stand-in: the event queue `queue/sockets/queue` (datagrams, archived) and the command socket
 * `queue/sockets/analysis` (JSON dispatcher). See `service.ts`.
 */
import type { EmbeddedDaemon } from '../types';
import { bindDatagramSocket } from '../common/dgram-server';
import { startFramedServer } from '../common/framed-server';
import { wdbAgentDirectory } from '../components/agents';
import { keepStateFile } from '../components/state-file';
import { analysisdStateFile } from '../../core/stats';
import { WAZUH_DB_SERVICE, type WazuhDb } from '../wazuh-db';
import { AnalysisdService } from './service';

export { AnalysisdService, parseQueueMessage } from './service';

export const analysisdDaemon: EmbeddedDaemon = {
  name: 'wazuh-analysisd',
  async start(context) {
    const wdb = context.services.require<WazuhDb>(WAZUH_DB_SERVICE);
    const service = new AnalysisdService(context.paths, wdbAgentDirectory(wdb), { managerName: context.manager.hostname });
    const onError = (error: unknown) => context.log('wazuh-analysisd', 'ERROR', `Request failed: ${String(error)}`);
    const queue = await bindDatagramSocket(context.paths.sockets.eventQueue, (message) => service.handleEvent(message));
    const commands = await startFramedServer(context.paths.sockets.analysis, (request) => service.handleCommand(request), {
      oneShot: true,
      onError,
    });
    const state = keepStateFile(analysisdStateFile(context.paths), () => service.stateFileText());
    return {
      async stop() {
        state.stop();
        await commands.close();
        await queue.close();
      },
    };
  },
};
