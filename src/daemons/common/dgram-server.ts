/** Binds a Unix datagram socket (the `queue/alerts/*` and `queue/sockets/queue` queues) for an embedded daemon. */
import { chmodSync, rmSync } from 'node:fs';
import { createSocket } from 'unix-dgram';
import { prepareSocketPath, type RunningServer } from './framed-server';

export async function bindDatagramSocket(path: string, onMessage: (message: Buffer) => void): Promise<RunningServer> {
  prepareSocketPath(path);
  const socket = createSocket('unix_dgram', (message) => {
    try {
      onMessage(message);
    } catch {
      // a bad message must not take the queue down
    }
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.once('listening', () => {
      socket.off('error', reject);
      resolve();
    });
    socket.bind(path);
  });
  socket.on('error', () => undefined);
  chmodSync(path, 0o660);
  return {
    close: async () => {
      try {
        socket.close();
      } finally {
        rmSync(path, { force: true });
      }
    },
  };
}
