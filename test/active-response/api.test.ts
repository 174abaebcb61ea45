/**
 * `PUT /active-response` through the real API: agents checked in the embedded wazuh-db, their AR configuration
 * asked through the embedded remoted's request socket, commands recorded by remoted's AR queue.
 */
import { dataOf, failuresOf, startApiFixture, type ApiFixture } from '../syscheck/api-fixture';
import { eventually } from '../helpers/async';

let fx: ApiFixture;

beforeAll(async () => {
  fx = await startApiFixture();
});

afterAll(() => fx.close());

describe('PUT /active-response', () => {
  it('sends a JSON message to current agents and a legacy one to agents older than 4.2.0', async () => {
    const res = await fx.call('PUT', '/active-response', {
      query: { agents_list: ['001', '002', '003', '099'] },
      body: { command: '!custom.sh', arguments: ['-x'], alert: { data: { srcip: '1.2.3.4' } } },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ message: 'AR command was not sent to some agents', error: 2 });
    expect(dataOf(res).affected_items).toEqual(['001', '002']);
    expect(failuresOf(res)).toEqual({ 1701: ['099'], 1707: ['003'] });
    await eventually(() =>
      expect(fx.arMessages()).toEqual(
        expect.arrayContaining([
          '(msg_to_agent) [] NNS 001 {"version": 1, "origin": {"name": null, "module": "API"}, "command": "!custom.sh", ' +
            '"parameters": {"extra_args": ["-x"], "alert": {"data": {"srcip": "1.2.3.4"}}}}',
          '(msg_to_agent) [] NNS 002 !custom.sh -x',
        ]),
      ),
    );
  });

  it('accepts commands of ar.conf, refuses the others per agent', async () => {
    const ok = await fx.call('PUT', '/active-response', { query: { agents_list: ['002'] }, body: { command: 'restart-ossec0' } });
    expect(dataOf(ok).affected_items).toEqual(['002']);
    await eventually(() => expect(fx.arMessages()).toContain('(msg_to_agent) [] NNS 002 restart-ossec0 - -'));
    const unknown = await fx.call('PUT', '/active-response', { query: { agents_list: ['001'] }, body: { command: 'nope0' } });
    expect(unknown.body).toMatchObject({ message: 'AR command was not sent to any agent', error: 1 });
    expect(failuresOf(unknown)).toEqual({ 1652: ['001'] });
  });

  it('over all agents, hides unknown ones and skips the manager', async () => {
    const res = await fx.call('PUT', '/active-response', { body: { command: '!custom.sh' } });
    expect(res.status).toBe(200);
    expect(dataOf(res).affected_items).toEqual(['001', '002', '005']);
    expect(failuresOf(res)).toEqual({ 1707: ['003', '004'] });
  });

  it('checks the body and the permissions', async () => {
    const missing = await fx.call('PUT', '/active-response', { body: { arguments: ['x'] } });
    expect(missing.status).toBe(400);
    const extra = await fx.call('PUT', '/active-response', { body: { command: '!a.sh', foo: 1 } });
    expect(extra.body).toEqual({ title: 'Bad Request', detail: "Invalid field found {'foo'}" });
    const limited = await fx.userWith([{ actions: ['active-response:command'], resources: ['agent:id:001'], effect: 'allow' }]);
    const partly = await fx.call('PUT', '/active-response', {
      as: limited,
      query: { agents_list: ['001', '002'] },
      body: { command: '!custom.sh' },
    });
    expect(dataOf(partly).affected_items).toEqual(['001']);
    expect(failuresOf(partly)).toEqual({ 4000: ['002'] });
    const none = await fx.call('PUT', '/active-response', { as: limited, query: { agents_list: ['002'] }, body: { command: '!a.sh' } });
    expect(none.status).toBe(403);
  });
});
