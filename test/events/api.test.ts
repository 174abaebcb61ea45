/**
 * `POST /events` through the real API into the embedded analysisd's queue (`queue/sockets/queue`), which archives
 * what it receives in `logs/archives/archives.json`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dataOf, startApiFixture, type ApiFixture } from '../syscheck/api-fixture';
import { eventually } from '../helpers/async';

let fx: ApiFixture;

beforeAll(async () => {
  fx = await startApiFixture();
});

afterAll(() => fx.close());

function archived(): Array<{ location: string; full_log: string; data?: unknown }> {
  if (!existsSync(fx.paths.archivesJson)) return [];
  return readFileSync(fx.paths.archivesJson, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line));
}

describe('POST /events', () => {
  it('forwards every event to analysisd as coming from API-Webhook', async () => {
    const events = ['{"message":"hello","user":"alice"}', 'plain text event'];
    const res = await fx.call('POST', '/events', { body: { events } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      data: { affected_items: events, total_affected_items: 2, total_failed_items: 0, failed_items: [] },
      message: 'All events were forwarded to analisysd',
      error: 0,
    });
    await eventually(() =>
      expect(archived()).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ location: 'API-Webhook', full_log: events[0], data: { message: 'hello', user: 'alice' } }),
          expect.objectContaining({ location: 'API-Webhook', full_log: events[1] }),
        ]),
      ),
    );
  });

  it('refuses an event larger than a datagram and forwards the others', async () => {
    const big = 'x'.repeat(70000);
    const res = await fx.call('POST', '/events', { body: { events: [big, 'small one'] } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ message: 'Some events were forwarded to analisysd', error: 2 });
    expect(dataOf(res).affected_items).toEqual(['small one']);
    expect(dataOf(res).failed_items).toEqual([
      {
        error: {
          code: 1012,
          message: 'Invalid message to queue: The event is too large to be sent to analysisd (maximum is 65535B)',
        },
        id: [big],
      },
    ]);
    await eventually(() => expect(archived().map((entry) => entry.full_log)).toContain('small one'));
    expect(archived().some((entry) => entry.full_log === big)).toBe(false);
  });

  it('refuses more than 100 events at once, sending none', async () => {
    const before = archived().length;
    const events = Array.from({ length: 101 }, (_, i) => `bulk event ${i}`);
    const res = await fx.call('POST', '/events', { body: { events } });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ title: 'Events bulk size exceeded', detail: 'The size of the events bulk is exceeding the limit' });
    const ok = await fx.call('POST', '/events', { body: { events: events.slice(0, 100) } });
    expect(dataOf(ok).total_affected_items).toBe(100);
    await eventually(() => expect(archived().length).toBe(before + 100));
  });

  it('refuses bodies without events, with unknown fields, or from callers without event:ingest', async () => {
    expect((await fx.call('POST', '/events', { body: {} })).status).toBe(400);
    const extra = await fx.call('POST', '/events', { body: { events: ['a'], foo: 1 } });
    expect(extra.status).toBe(400);
    expect(extra.body).toEqual({ title: 'Bad Request', detail: "Invalid field found {'foo'}" });
    const reader = await fx.userWith([{ actions: ['agent:read'], resources: ['agent:id:*'], effect: 'allow' }]);
    const denied = await fx.call('POST', '/events', { as: reader, body: { events: ['a'] } });
    expect(denied.status).toBe(403);
    expect(denied.body).toMatchObject({ error: 4000, detail: 'Permission denied: Resource type: *:*' });
  });
});
