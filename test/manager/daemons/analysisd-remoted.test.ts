import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseReloadReply, reloadMessage } from '../../../src/core/manager';
import { AnalysisdService, parseQueueMessage } from '../../../src/daemons/analysisd/service';
import { wdbAgentDirectory } from '../../../src/daemons/components/agents';
import { RemotedRequestService } from '../../../src/daemons/remoted/request';
import { agentTable, tempInstall, type Install } from './fixture';

const request = (command: string, parameters?: unknown) =>
  JSON.stringify({ version: 1, origin: { module: 'API' }, command, ...(parameters ? { parameters } : {}) });

describe('analysisd stand-in', () => {
  let install: Install;
  let table: ReturnType<typeof agentTable>;
  let analysisd: AnalysisdService;
  beforeEach(() => {
    install = tempInstall();
    table = agentTable([
      { id: 0, name: 'manager', status: 'active' },
      { id: 1, name: 'web01', status: 'active' },
      { id: 2, name: 'db01', status: 'disconnected' },
    ]);
    analysisd = new AnalysisdService(install.paths, wdbAgentDirectory(table), { managerName: 'wazuh-test' });
  });
  afterEach(() => {
    table.close();
    install.cleanup();
  });

  it('splits queue messages at the first unescaped colon', () => {
    expect(parseQueueMessage('1:API-Webhook:{"a":"b:c"}')).toEqual({ queue: '1', location: 'API-Webhook', event: '{"a":"b:c"}' });
    expect(parseQueueMessage('1:[001] (web) any|:/var/log:line: x')).toEqual({
      queue: '1',
      location: '[001] (web) any:/var/log',
      event: 'line: x',
    });
    expect(parseQueueMessage('no separators')).toBeNull();
  });

  it('archives events as JSON lines and counts them', () => {
    analysisd.handleEvent(Buffer.from('1:API-Webhook:{"event":"login","user":"ana"}'));
    analysisd.handleEvent(Buffer.from('1:API-Webhook:plain text event'));
    analysisd.handleEvent(Buffer.from('garbage'));
    const lines = readFileSync(install.paths.archivesJson, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      agent: { id: '000', name: 'wazuh-test' },
      manager: { name: 'wazuh-test' },
      full_log: '{"event":"login","user":"ana"}',
      decoder: { name: 'json' },
      data: { event: 'login', user: 'ana' },
      location: 'API-Webhook',
    });
    expect(lines[0].timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d{4}$/);
    expect(lines[1]).toMatchObject({ full_log: 'plain text event', decoder: {} });
    const stats = JSON.parse(analysisd.handleCommand(request('getstats')));
    expect(stats).toMatchObject({ error: 0, message: 'ok', data: { name: 'wazuh-analysisd' } });
    expect(stats.data.metrics.events).toMatchObject({ received: 3, processed: 2 });
    expect(stats.data.metrics.events.written_breakdown.archives).toBe(2);
  });

  it('answers getconfig sections and the dispatcher errors', () => {
    const global = JSON.parse(analysisd.handleCommand(request('getconfig', { section: 'global' })));
    expect(global).toMatchObject({ error: 0, data: { global: { jsonout_output: 'yes', alerts_log: 'yes', memory_size: 8192 } } });
    expect(JSON.parse(analysisd.handleCommand(request('getconfig', { section: 'alerts' }))).data).toEqual({
      alerts: { log_alert_level: 3, email_alert_level: 12 },
    });
    expect(JSON.parse(analysisd.handleCommand(request('getconfig', { section: 'client' })))).toEqual({
      error: 7,
      message: 'Unrecognized or not configured section',
      data: {},
    });
    expect(JSON.parse(analysisd.handleCommand(request('getconfig')))).toMatchObject({ error: 5 });
    expect(JSON.parse(analysisd.handleCommand(request('getconfig', {})))).toMatchObject({ error: 6 });
    expect(JSON.parse(analysisd.handleCommand(request('explode')))).toMatchObject({ error: 4, message: 'Unrecognized command' });
    expect(JSON.parse(analysisd.handleCommand('{not json'))).toMatchObject({ error: 2, message: 'Invalid JSON input' });
  });

  it('gives per-agent statistics for listed agents, refusing 75 or more', () => {
    const reply = JSON.parse(analysisd.handleCommand(request('getagentsstats', { agents: [1, 2, 9] })));
    expect(reply.data.agents.map((agent: { id: number }) => agent.id)).toEqual([1, 2]);
    const tooMany = Array.from({ length: 75 }, (_, index) => index + 1);
    expect(JSON.parse(analysisd.handleCommand(request('getagentsstats', { agents: tooMany })))).toMatchObject({
      error: 11,
      message: 'Too many agents',
    });
    const all = JSON.parse(analysisd.handleCommand(request('getagentsstats', { agents: 'all', last_id: 0 })));
    expect(all).toMatchObject({ error: 0, message: 'ok' });
    expect(all.data.agents.map((agent: { id: number }) => agent.id)).toEqual([1]);
  });

  it('reloads the ruleset, warning about missing rule folders', () => {
    const first = reloadMessage(parseReloadReply(analysisd.handleCommand(request('reload-ruleset'))));
    expect(first).toBe(
      "Could not open directory 'ruleset/rules', Could not open directory 'etc/rules', " +
        "Could not open directory 'ruleset/decoders', Could not open directory 'etc/decoders'",
    );
    for (const dir of ['ruleset/rules', 'etc/rules', 'ruleset/decoders', 'etc/decoders']) {
      mkdirSync(join(install.root, dir), { recursive: true });
    }
    expect(reloadMessage(parseReloadReply(analysisd.handleCommand(request('reload-ruleset'))))).toBe(
      'Ruleset reload request sent successfully.',
    );
    writeFileSync(install.paths.ossecConf, '<ossec_config><global>');
    expect(() => reloadMessage(parseReloadReply(analysisd.handleCommand(request('reload-ruleset'))))).toThrow(
      /^Failed to reload ruleset: /,
    );
  });
});

describe('remoted request socket stand-in', () => {
  let install: Install;
  let table: ReturnType<typeof agentTable>;
  let remoted: RemotedRequestService;
  beforeEach(() => {
    install = tempInstall();
    table = agentTable([
      { id: 0, name: 'manager', status: 'active' },
      ...Array.from({ length: 160 }, (_, index) => ({ id: index + 1, name: `a${index + 1}`, status: 'active' })),
      { id: 500, name: 'off', status: 'disconnected' },
    ]);
    remoted = new RemotedRequestService(install.paths, wdbAgentDirectory(table));
  });
  afterEach(() => {
    table.close();
    install.cleanup();
  });

  it('answers for a connected agent as the agent would', () => {
    const reply = remoted.handle('001 com getconfig active-response') as string;
    expect(reply.startsWith('ok ')).toBe(true);
    expect(JSON.parse(reply.slice(3))).toEqual({
      'active-response': { disabled: 'no', ca_store: ['etc/wpk_root.pem'], ca_verification: 'yes' },
    });
    expect(JSON.parse((remoted.handle('001 agent getconfig client') as string).slice(3)).client.server[0]).toMatchObject({
      port: 1514,
      protocol: 'tcp',
    });
    expect(remoted.handle('001 agent getconfig nothing')).toBe('err Could not get requested section');
    expect(remoted.handle('001 analysis getconfig global')).toBe('err Could not get requested section');
    const state = JSON.parse(remoted.handle('001 logcollector getstate') as string);
    expect(state).toMatchObject({ error: 0, remaining: false, json_updated: false });
    expect(state.data.global.files.map((file: { location: string }) => file.location)).toContain('journald');
    expect(state.data.global.start).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(JSON.parse(remoted.handle('001 agent getstate') as string).data.status).toBe('connected');
  });

  it('cannot send to a disconnected agent and does not answer for an unknown one', () => {
    expect(remoted.handle('500 com getconfig active-response')).toBe('err Cannot send request');
    expect(remoted.handle('999 com getconfig active-response')).toBeNull();
    expect(remoted.handle('000 com getconfig active-response')).toBeNull();
    expect(remoted.handle('garbage')).toBeNull();
  });

  it('pages getagentsstats over active agents, saying due while more remain', () => {
    const first = JSON.parse(remoted.handle(request('getagentsstats', { agents: 'all', last_id: 0 })) as string);
    expect(first).toMatchObject({ error: 1, message: 'due' });
    expect(first.data.agents).toHaveLength(150);
    const lastId = first.data.agents.at(-1).id;
    const second = JSON.parse(remoted.handle(request('getagentsstats', { agents: 'all', last_id: lastId })) as string);
    expect(second).toMatchObject({ error: 0, message: 'ok' });
    expect(second.data.agents.map((agent: { id: number }) => agent.id)).toEqual(Array.from({ length: 10 }, (_, i) => 151 + i));
    expect(JSON.parse(remoted.handle(request('getagentsstats', { agents: 'all' })) as string)).toMatchObject({ error: 10 });
    expect(JSON.parse(remoted.handle(request('getagentsstats', { agents: 'some' })) as string)).toMatchObject({ error: 8 });
  });

  it('answers its own statistics and configuration', () => {
    const stats = JSON.parse(remoted.handle(request('getstats')) as string);
    expect(stats).toMatchObject({ error: 0, data: { name: 'wazuh-remoted' } });
    expect(typeof stats.data.uptime).toBe('number');
    const remote = JSON.parse(remoted.handle(request('getconfig', { section: 'remote' })) as string);
    expect(remote.data.remote[0]).toMatchObject({ connection: 'secure', port: '1514', protocol: ['TCP'] });
    expect(JSON.parse(remoted.handle(request('getconfig', { section: 'global' })) as string).data).toEqual({
      global: { agents_disconnection_time: 600, agents_disconnection_alert_time: 0 },
    });
  });
});
