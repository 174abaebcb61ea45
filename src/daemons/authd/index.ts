/** The wazuh-authd stand-in: the local registration socket `queue/sockets/auth`, one request per connection. */
import type { EmbeddedDaemon } from '../types';
import { startFramedServer } from '../common/framed-server';
import { WAZUH_DB_SERVICE, type WazuhDb } from '../wazuh-db';
import { AuthdService } from './service';

export const authdDaemon: EmbeddedDaemon = {
  name: 'wazuh-authd',
  async start(context) {
    const service = new AuthdService(context.paths, context.services.require<WazuhDb>(WAZUH_DB_SERVICE), context.manager.hostname);
    const server = await startFramedServer(context.paths.sockets.auth, (request) => service.handle(request.toString('utf8')), {
      oneShot: true,
      maxRequestBytes: 65536,
      onError: (error) => context.log('wazuh-authd', 'ERROR', `Request failed: ${String(error)}`),
    });
    return { stop: () => server.close() };
  },
};
