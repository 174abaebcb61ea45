/**
 * The wazuh-remoted stand-in. For now it reads the active-response queue; the request socket
 * (`queue/sockets/remote`: agent `getconfig`/`getstate`, JSON `getstats`) belongs here too when it is added.
 */
import type { EmbeddedDaemon } from '../types';
import { bindDatagramSocket } from '../common/dgram-server';
import { recordArMessage } from './ar-queue';

export const remotedDaemon: EmbeddedDaemon = {
  name: 'wazuh-remoted',
  async start(context) {
    const arQueue = await bindDatagramSocket(context.paths.sockets.activeResponse, (message) =>
      recordArMessage(context.paths, message),
    );
    return { stop: () => arQueue.close() };
  },
};
