/** Event forwarding to a datagram queue bound where analysisd's is (`queue/sockets/queue`), over a real socket. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { forwardEvents, MAX_EVENT_DATAGRAM_BYTES } from '../../src/core/events';
import { bindDatagramSocket } from '../../src/daemons/common/dgram-server';
import { DatagramQueue } from '../../src/ipc';
import { shortTempDir } from '../ipc/helpers';
import { eventually } from '../helpers/async';

let tmp: ReturnType<typeof shortTempDir>;
let received: string[];
let queue: DatagramQueue;
let close: () => Promise<void>;

beforeAll(async () => {
  tmp = shortTempDir();
  mkdirSync(join(tmp.dir, 'queue', 'sockets'), { recursive: true });
  const path = join(tmp.dir, 'queue', 'sockets', 'queue');
  received = [];
  const server = await bindDatagramSocket(path, (message) => received.push(message.toString('utf8')));
  close = () => server.close();
  queue = new DatagramQueue({ path });
});

afterAll(async () => {
  await close();
  tmp.cleanup();
});

describe('POST /events', () => {
  it('sends each event as a local-file line from API-Webhook, in order', async () => {
    const outcome = await forwardEvents(queue, ['{"message":"hello"}', 'plain text event', 'üñí']);
    expect(outcome).toEqual({ affected: ['{"message":"hello"}', 'plain text event', 'üñí'], failed: [] });
    await eventually(() =>
      expect(received).toEqual(['1:API-Webhook:{"message":"hello"}', '1:API-Webhook:plain text event', '1:API-Webhook:üñí']),
    );
  });

  it('refuses an event whose datagram would exceed 65535 bytes, and sends the rest', async () => {
    received.length = 0;
    const fits = 'a'.repeat(MAX_EVENT_DATAGRAM_BYTES - '1:API-Webhook:'.length);
    const tooBig = `${fits}b`;
    const outcome = await forwardEvents(queue, [tooBig, fits]);
    expect(outcome.affected).toEqual([fits]);
    expect(outcome.failed).toHaveLength(1);
    expect(outcome.failed[0].id).toBe(tooBig);
    expect(outcome.failed[0].error).toMatchObject({
      code: 1012,
      message: 'Invalid message to queue: The event is too large to be sent to analysisd (maximum is 65535B)',
    });
    await eventually(() => expect(received).toEqual([`1:API-Webhook:${fits}`]));
  });

  it('an unreachable queue fails the whole request with 1010', async () => {
    const missing = new DatagramQueue({ path: join(tmp.dir, 'queue', 'sockets', 'nobody') });
    await expect(forwardEvents(missing, ['x'])).rejects.toMatchObject({ code: 1010, httpStatus: 500 });
  });
});
