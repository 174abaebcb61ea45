/**
 * Active responses against the embedded wazuh-db and remoted's AR queue over their real sockets. remoted's
 * request socket is played by a small framed server that answers each agent's `com getconfig active-response`
 * from a table, because the cases below (AR disabled on an agent, agent unreachable) depend on agents' own
 * configuration, which no stand-in has.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  arConfLines,
  jsonArPayload,
  legacyArPayload,
  runActiveResponse,
  shellEscape,
  type ActiveResponseDeps,
  type ArRequest,
} from '../../src/core/active-response';
import type { ConfObject } from '../../src/core/ossec-conf';
import { RequestSocketClient } from '../../src/ipc';
import { framedServer } from '../ipc/helpers';
import { eventually } from '../helpers/async';
import { startMonitoringFixture, type MonitoringFixture, type SeedAgent } from '../syscheck/fixture';

const AGENTS: SeedAgent[] = [
  { id: 1, name: 'web01', status: 'active', version: 'Wazuh v4.14.4' },
  { id: 2, name: 'legacy02', status: 'active', version: 'Wazuh v3.11.0' },
  { id: 3, name: 'db03', status: 'disconnected', version: 'Wazuh v4.7.0' },
  { id: 4, name: 'new04', status: 'never_connected' },
  { id: 5, name: 'noar05', status: 'active', version: 'Wazuh v4.1.5' },
  { id: 6, name: 'ancient06', status: 'active', version: 'Wazuh v3.6.0' },
  { id: 7, name: 'gone07', status: 'active', version: 'Wazuh v4.8.0' },
];

/** What each agent answers to `com getconfig active-response` through remoted. */
const REMOTE_REPLIES: Record<string, string> = {
  '001': 'ok {"active-response":{"disabled":"no","ca_store":["etc/wpk_root.pem"]}}',
  '002': 'ok {"active-response":{"disabled":"no"}}',
  '005': 'ok {"active-response":{"disabled":"yes"}}',
  '007': 'err Cannot send request',
};

let fx: MonitoringFixture;
let deps: ActiveResponseDeps;
let remoteRequests: string[];
let closeRemote: () => Promise<void>;

beforeAll(async () => {
  fx = await startMonitoringFixture(AGENTS);
  remoteRequests = [];
  const remotePath = join(fx.host.root, 'queue', 'sockets', 'remote-test');
  const server = await framedServer(remotePath, (request) => {
    remoteRequests.push(request);
    return REMOTE_REPLIES[request.slice(0, 3)] ?? 'err Could not get requested section';
  });
  closeRemote = () => server.close();
  deps = {
    wdb: fx.wdb,
    ar: fx.ar,
    remote: new RequestSocketClient({ path: remotePath }),
    clientKeys: fx.host.paths.clientKeys,
    arConf: fx.host.paths.arConf,
    clusterNodeName: null,
  };
});

afterAll(async () => {
  await closeRemote();
  await fx.close();
});

const run = (ids: string[], request: ArRequest) => runActiveResponse(deps, ids, request);
const failures = (outcome: { failed: Array<{ id: string | number; error: { code: number } }> }) =>
  Object.fromEntries(outcome.failed.map(({ id, error }) => [id, error.code]));

describe('payloads', () => {
  it('escapes shell characters of legacy arguments', () => {
    expect(shellEscape(`a;b "c" $(d) 'e' | f > g < h # i * [j] {k} & l ! m : n \`o\`\tp`)).toBe(
      `a\\;b \\"c\\" \\$\\(d\\) \\'e\\' \\| f \\> g \\< h \\# i \\* \\[j\\] \\{k\\} \\& l \\! m \\: n \\\`o\\\`\\\tp`,
    );
    expect(legacyArPayload({ command: 'restart-ossec0' })).toBe('restart-ossec0 - -');
    expect(legacyArPayload({ command: 'firewall-drop0', arguments: ['-', '1.2.3.4'] })).toBe('firewall-drop0 - 1.2.3.4');
  });

  it('writes JSON payloads the way Python writes them', () => {
    expect(jsonArPayload({ command: 'restart-ossec0' }, null)).toBe(
      '{"version": 1, "origin": {"name": null, "module": "API"}, "command": "restart-ossec0", "parameters": {"extra_args": [], "alert": {}}}',
    );
    expect(jsonArPayload({ command: '!x.sh', arguments: ['é'], alert: { data: { n: 1.5 } } }, 'master')).toBe(
      '{"version": 1, "origin": {"name": "master", "module": "API"}, "command": "!x.sh", "parameters": {"extra_args": ["\\u00e9"], "alert": {"data": {"n": 1.5}}}}',
    );
  });
});

describe('ar.conf', () => {
  const RESTARTS = [
    'restart-ossec0 - restart-ossec.sh - 0',
    'restart-ossec0 - restart-ossec.cmd - 0',
    'restart-wazuh0 - restart-ossec.sh - 0',
    'restart-wazuh0 - restart-ossec.cmd - 0',
    'restart-wazuh0 - restart-wazuh - 0',
    'restart-wazuh0 - restart-wazuh.exe - 0',
  ];

  it('is written for a fresh install from the default ossec.conf', () => {
    expect(readFileSync(fx.host.paths.arConf, 'utf8')).toBe(`${[...RESTARTS, 'firewall-drop180 - firewall-drop - 180'].join('\n')}\n`);
  });

  it('names each enabled active response after its command and timeout, and skips the ones a manager refuses', () => {
    const command: ConfObject[] = [
      { name: 'firewall-drop', executable: 'firewall-drop', timeout_allowed: 'yes' },
      { name: 'netsh', executable: 'netsh.exe', timeout_allowed: 'yes' },
      { name: 'remove-threat', executable: 'remove-threat' },
    ];
    const responses: ConfObject[] = [
      { command: 'firewall-drop', location: 'local', timeout: '60' },
      { command: 'netsh', location: 'local', timeout: '60' },
      { command: 'remove-threat', location: 'local' },
      { command: 'host-deny', location: 'local' },
      { command: 'firewall-drop', location: 'all', disabled: 'yes' },
      { command: 'firewall-drop' },
    ];
    expect(arConfLines({ command, 'active-response': responses })).toEqual([
      ...RESTARTS,
      'firewall-drop60 - firewall-drop - 60',
      'netsh60 - netsh.exe - 60',
      'remove-threat0 - remove-threat - 0',
    ]);
    expect(arConfLines({})).toEqual(RESTARTS);
  });
});

describe('PUT /active-response', () => {
  it('checks every agent as Wazuh does and sends JSON or legacy messages by version', async () => {
    const outcome = await run(['001', '002', '003', '004', '005', '006', '007', '099'], {
      command: '!custom.sh',
      arguments: ['-x', 'a;b'],
      alert: { data: { srcip: '1.2.3.4' } },
    });
    expect(outcome.affected).toEqual(['001', '002']);
    expect(failures(outcome)).toEqual({ '003': 1707, '004': 1707, '005': 1750, '006': 1735, '007': 1117, '099': 1701 });
    expect(outcome.failed.find(({ id }) => id === '006')?.error.message).toBe(
      'Agent version is not compatible with this feature: Minimum required version is Wazuh v3.7.0',
    );
    await eventually(() =>
      expect(fx.arMessages()).toEqual([
        '(msg_to_agent) [] NNS 001 {"version": 1, "origin": {"name": null, "module": "API"}, "command": "!custom.sh", ' +
          '"parameters": {"extra_args": ["-x", "a;b"], "alert": {"data": {"srcip": "1.2.3.4"}}}}',
        '(msg_to_agent) [] NNS 002 !custom.sh -x a\\;b',
      ]),
    );
    expect(remoteRequests).toEqual(
      expect.arrayContaining(['001 com getconfig active-response', '005 com getconfig active-response']),
    );
    expect(remoteRequests.some((request) => /^00[346]/.test(request))).toBe(false);
  });

  it('accepts commands defined in ar.conf and refuses the others per agent', async () => {
    const sent = await run(['002'], { command: 'restart-ossec0' });
    expect(sent.affected).toEqual(['002']);
    await eventually(() => expect(fx.arMessages()).toContain('(msg_to_agent) [] NNS 002 restart-ossec0 - -'));
    expect(failures(await run(['001', '002'], { command: 'not-defined' }))).toEqual({ '001': 1652, '002': 1652 });
    expect(failures(await run(['001'], { command: '' }))).toEqual({ '001': 1650 });
  });

  it('never targets the manager', async () => {
    const outcome = await run(['000'], { command: '!x.sh' });
    expect(outcome).toEqual({ affected: [], failed: [] });
  });
});
