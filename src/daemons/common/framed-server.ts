/**
 * A Unix stream server speaking LE32 frames, for the embedded daemons. Requests on one connection are answered in
 * order; a handler error becomes no reply and a closed connection (the client sees a Wazuh transport error, the
 * daemon process keeps running).
 */
import { chmodSync, mkdirSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { dirname } from 'node:path';
import { FrameDecoder, encodeFrame } from '../../ipc/framing';

export type FrameHandler = (request: Buffer) => string | Buffer | null | Promise<string | Buffer | null>;

export interface FramedServerOptions {
  /** Close the connection after the first reply (authd, remoted, execd do). */
  oneShot?: boolean;
  /** Requests above this size are refused by closing the connection (wazuh-db takes at most 64 KiB). */
  maxRequestBytes?: number;
  onError?: (error: unknown) => void;
}

export interface RunningServer {
  close(): Promise<void>;
}

/** Removes a stale socket file so a restarted daemon can bind again. */
export function prepareSocketPath(path: string): void {
  mkdirSync(dirname(path), { recursive: true });
  rmSync(path, { force: true });
}

export async function startFramedServer(
  path: string,
  handler: FrameHandler,
  options: FramedServerOptions = {},
): Promise<RunningServer> {
  prepareSocketPath(path);
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    const decoder = new FrameDecoder(options.maxRequestBytes ?? 16 * 1024 * 1024);
    let queue = Promise.resolve();
    socket.on('data', (chunk: Buffer) => {
      let frames: Buffer[];
      try {
        frames = decoder.push(chunk);
      } catch {
        socket.destroy();
        return;
      }
      for (const frame of frames) {
        queue = queue.then(async () => {
          if (socket.destroyed) return;
          let reply: string | Buffer | null;
          try {
            reply = await handler(frame);
          } catch (error) {
            options.onError?.(error);
            socket.destroy();
            return;
          }
          if (socket.destroyed) return;
          if (reply === null) {
            if (options.oneShot) socket.end();
            return;
          }
          if (options.oneShot) socket.end(encodeFrame(reply));
          else socket.write(encodeFrame(reply));
        });
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error) => options.onError?.(error));
  chmodSync(path, 0o660);
  return {
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => {
          rmSync(path, { force: true });
          resolve();
        });
      }),
  };
}
