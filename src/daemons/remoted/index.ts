/**
 * The wazuh-remoted stand-in: the active-response queue `queue/alerts/ar` (recorded, see `ar-queue.ts`) and the
 * request socket `queue/sockets/remote` (remoted's JSON commands and requests forwarded to agents, see
 * `request.ts`).
 */
import type { EmbeddedDaemon } from '../types';
import { bindDatagramSocket } from '../common/dgram-server';
import { startFramedServer } from '../common/framed-server';
import { wdbAgentDirectory } from '../components/agents';
import { keepStateFile } from '../components/state-file';
import { remotedStateFile } from '../../core/stats';
import { WAZUH_DB_SERVICE, type WazuhDb } from '../wazuh-db';
import { ArRecorder } from './ar-queue';
import { RemotedRequestService } from './request';

export const remotedDaemon: EmbeddedDaemon = {
  name: 'wazuh-remoted',
  async start(context) {
    const wdb = context.services.require<WazuhDb>(WAZUH_DB_SERVICE);
    const requests = new RemotedRequestService(context.paths, wdbAgentDirectory(wdb));
    const recorder = new ArRecorder(context.paths);
    const arQueue = await bindDatagramSocket(context.paths.sockets.activeResponse, (message) => recorder.record(message));
    const requestSocket = await startFramedServer(context.paths.sockets.remote, (request) => requests.handle(request), {
      oneShot: true,
      onError: (error) => context.log('wazuh-remoted', 'ERROR', `Request failed: ${String(error)}`),
    });
    const state = keepStateFile(remotedStateFile(context.paths), () => requests.stateFileText());
    return {
      async stop() {
        state.stop();
        await requestSocket.close();
        await arQueue.close();
        recorder.flush();
      },
    };
  },
};
