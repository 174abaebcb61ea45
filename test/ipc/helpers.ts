import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { FrameDecoder, encodeFrame } from '../../src/ipc/framing';

/** Short temp dir: Unix socket paths must stay under 107 bytes. */
export function shortTempDir(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync('/tmp/w');
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export type TestReply = string | Buffer | null | ((socket: Socket) => void);

/**
 * A framed test server: `handler` gets each request and returns the reply payload, null for no reply, or a
 * function that writes to the socket itself (split writes, early close...).
 */
export async function framedServer(
  path: string,
  handler: (request: string, socket: Socket) => TestReply | Promise<TestReply>,
): Promise<{ server: Server; connections: () => number; maxConcurrent: () => number; close(): Promise<void> }> {
  let open = 0;
  let peak = 0;
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    open++;
    peak = Math.max(peak, open);
    socket.on('close', () => {
      open--;
      sockets.delete(socket);
    });
    socket.on('error', () => undefined);
    const decoder = new FrameDecoder();
    socket.on('data', async (chunk) => {
      for (const frame of decoder.push(chunk)) {
        const reply = await handler(frame.toString(), socket);
        if (reply === null) continue;
        if (typeof reply === 'function') reply(socket);
        else socket.write(encodeFrame(reply));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(path, resolve));
  return {
    server,
    connections: () => open,
    maxConcurrent: () => peak,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function socketPath(dir: string, name = 's'): string {
  return join(dir, name);
}
