/**
 * The datagram sender against a real Unix datagram socket. Linux queues only a handful of datagrams per socket
 * (net.unix.max_dgram_qlen, 10 by default), so a burst larger than that must wait for the reader instead of
 * failing: restarting a few hundred agents is such a burst.
 */
import { join } from 'node:path';
import { createSocket } from 'unix-dgram';
import { DatagramQueue } from '../../src/ipc';
import { shortTempDir } from './helpers';

describe('DatagramQueue', () => {
  const tmp = shortTempDir();
  afterAll(() => tmp.cleanup());

  it('delivers a burst far larger than the kernel queue, in order, without failures', async () => {
    const path = join(tmp.dir, 'ar');
    const received: string[] = [];
    const reader = createSocket('unix_dgram', (message: Buffer) => received.push(message.toString()));
    reader.bind(path);
    try {
      const messages = Array.from({ length: 500 }, (_, i) => `(msg_to_agent) [] NNS ${String(i).padStart(3, '0')} restart-wazuh0`);
      const results = await new DatagramQueue({ path }).sendBatch(messages, { timeoutMs: 20_000 });
      expect(results.filter(Boolean)).toEqual([]);
      const deadline = Date.now() + 5_000;
      while (received.length < messages.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      expect(received).toEqual(messages);
    } finally {
      reader.close();
    }
  });

  it('reports a queue nobody reads as 1010 and an oversized message as 1012', async () => {
    const queue = new DatagramQueue({ path: join(tmp.dir, 'nobody') });
    await expect(queue.send('x')).rejects.toMatchObject({ code: 1010 });
    const [tooBig] = await queue.sendBatch([Buffer.alloc(70_000)]);
    expect(tooBig).toMatchObject({ code: 1012 });
  });
});
