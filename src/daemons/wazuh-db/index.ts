/** The wazuh-db stand-in: the command socket `queue/db/wdb` and the HTTP socket `queue/sockets/wdb-http.sock`. */
import type { EmbeddedDaemon } from '../types';
import { startFramedServer } from '../common/framed-server';
import { WazuhDb } from './service';
import { capReply, REPLY_CAP_BYTES } from './sql-exec';
import { startWdbHttpServer } from './http';

export { WazuhDb } from './service';

export const WAZUH_DB_SERVICE = 'wazuh-db';

export const wazuhDbDaemon: EmbeddedDaemon = {
  name: 'wazuh-db',
  async start(context) {
    const service = new WazuhDb(context.paths, context.manager);
    context.services.provide(WAZUH_DB_SERVICE, service);
    const commandSocket = await startFramedServer(
      context.paths.sockets.wdb,
      (request) => capReply(service.handle(request.toString('utf8'))),
      {
        maxRequestBytes: REPLY_CAP_BYTES,
        onError: (error) => context.log('wazuh-db', 'ERROR', `Request failed: ${String(error)}`),
      },
    );
    const httpSocket = await startWdbHttpServer(context.paths.sockets.wdbHttp, service);
    return {
      async stop() {
        await commandSocket.close();
        await httpSocket.close();
        service.close();
      },
    };
  },
};
