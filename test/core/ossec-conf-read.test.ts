import { WazuhError } from '../../src/core/errors';
import {
  agentConfToJson,
  ctiUrl,
  getOssecConf,
  loadWazuhXml,
  readOssecConfRaw,
  updateCheckEnabled,
} from '../../src/core/ossec-conf';
import { TempWazuh, tempWazuh, thrown } from './temp-wazuh';

const CONF = `<?xml version="1.0"?>
<!-- two blocks -- merged the way the manager merges them -->
<ossec_config>
  <global>
    <jsonout_output>yes</jsonout_output>
    <white_list>127.0.0.1</white_list>
    <limits><eps><maximum>100</maximum><timeframe>10</timeframe></eps></limits>
    <empty></empty>
    <selfclosed/>
    <spaced>  padded  </spaced>
  </global>
  <remote>
    <connection>syslog</connection>
    <protocol>tcp, udp</protocol>
  </remote>
  <localfile>
    <location>Security</location>
    <log_format>eventchannel</log_format>
    <query>Event/System[EventID != 5145]
      and x &lt; 3</query>
    <filter field="x" type="osregex">a&b</filter>
  </localfile>
  <localfile>
    <log_format>command</log_format>
    <command>awk '$1 < 3 && $2 > 4' /x</command>
  </localfile>
  <wodle name="command">
    <disabled>no</disabled>
    <command>/usr/bin/true</command>
  </wodle>
  <command><name>c1</name><executable>c1.sh</executable></command>
  <wodle name="docker-listener"><disabled>no</disabled></wodle>
  <logging><log_format>plain</log_format></logging>
  <labels>
    <label key="aws.id">i-123</label>
    <label key="hidden" hidden="yes">secret</label>
  </labels>
  <syscheck>
    <directories check_all="yes" realtime="yes">/etc, /usr/bin</directories>
    <ignore type="sregex">.log$</ignore>
    <whodata><restart_audit>yes</restart_audit><audit_key>a,b</audit_key></whodata>
  </syscheck>
  <indexer>
    <hosts><host>https://127.0.0.1:9200</host><host>https://h2:9200</host></hosts>
    <ssl><certificate_authorities><ca>/etc/ca.pem</ca></certificate_authorities></ssl>
  </indexer>
  <ruleset><rule_dir exclude="x">etc/rules</rule_dir><rule_dir>etc/rules</rule_dir></ruleset>
  <cluster><name>first</name><nodes><node>10.0.0.1</node></nodes></cluster>
  <Alerts><Log_Alert_Level>3</Log_Alert_Level></Alerts>
</ossec_config>
<ossec_config>
  <global><white_list>::1</white_list><jsonout_output>no</jsonout_output></global>
  <remote><connection>secure</connection></remote>
  <cluster><name>second</name><disabled>yes</disabled></cluster>
  <ruleset><rule_dir>more</rule_dir><rule_dir>etc/rules</rule_dir></ruleset>
  <syscheck><directories>/opt</directories><ignore>/x</ignore></syscheck>
</ossec_config>
<not_a_config_block><global><x>1</x></global></not_a_config_block>
`;

describe('GET /manager/configuration conversion', () => {
  let wazuh: TempWazuh;
  beforeAll(() => {
    wazuh = tempWazuh();
    wazuh.write('etc/ossec.conf', CONF);
  });
  afterAll(() => wazuh.remove());

  test('merges blocks: merge sections fold, list options accumulate, later values win', () => {
    const { global } = getOssecConf(wazuh.paths);
    expect(global).toEqual({
      jsonout_output: 'no',
      white_list: ['127.0.0.1', '::1'],
      limits: { eps: [{ maximum: ['100'], timeframe: ['10'] }] },
      spaced: '  padded  ',
    });
  });

  test('duplicate sections become lists, one entry per block', () => {
    const conf = getOssecConf(wazuh.paths);
    expect(conf.remote).toEqual([
      { connection: 'syslog', protocol: ['tcp', 'udp'] },
      { connection: 'secure' },
    ]);
    // `<wodle name="command">` lands in the same list as the `<command>` blocks, in document order.
    expect(conf.command).toEqual([
      { disabled: 'no', command: '/usr/bin/true' },
      { name: 'c1', executable: 'c1.sh' },
    ]);
  });

  test('last-kind sections keep only the last block', () => {
    expect(getOssecConf(wazuh.paths).cluster).toEqual({ name: 'second', disabled: 'yes' });
  });

  test('attributes: item for text, wodle name as section, labels, split directories', () => {
    const conf = getOssecConf(wazuh.paths);
    expect(conf.syscheck).toEqual({
      directories: [
        { check_all: 'yes', realtime: 'yes', path: '/etc' },
        { check_all: 'yes', realtime: 'yes', path: '/usr/bin' },
        { path: '/opt' },
      ],
      ignore: [{ type: 'sregex', item: '.log$' }, '/x'],
      whodata: { restart_audit: 'yes', audit_key: ['a', 'b'] },
    });
    expect(conf.labels).toEqual([
      { label: [{ value: 'i-123', key: 'aws.id' }, { value: 'secret', key: 'hidden', hidden: 'yes' }] },
    ]);
    expect(conf.ruleset).toEqual({ rule_dir: [{ exclude: 'x', item: 'etc/rules' }, 'etc/rules', 'more', 'etc/rules'] });
    expect(conf.indexer).toEqual({
      hosts: ['https://127.0.0.1:9200', 'https://h2:9200'],
      ssl: { certificate_authorities: [{ ca: ['/etc/ca.pem'] }] },
    });
  });

  test('text is read as the manager reads it: &lt; stays literal, stray < and & are text', () => {
    const [eventchannel, command] = getOssecConf(wazuh.paths).localfile as Record<string, unknown>[];
    expect(eventchannel.query).toBe('Event/System[EventID != 5145]and x &lt; 3');
    expect(eventchannel.filter).toEqual([{ field: 'x', type: 'osregex', item: 'a&b' }]);
    expect(command.command).toBe("awk '$1 < 3 && $2 > 4' /x");
  });

  test('sections the API does not convert are left out; names are lower-cased', () => {
    const conf = getOssecConf(wazuh.paths);
    expect(Object.keys(conf)).toEqual([
      'global', 'remote', 'localfile', 'command', 'labels', 'syscheck', 'indexer', 'ruleset', 'cluster', 'alerts',
    ]);
    expect(conf.alerts).toEqual({ log_alert_level: '3' });
  });

  test('section and field filters', () => {
    expect(getOssecConf(wazuh.paths, { section: 'alerts' })).toEqual({ alerts: { log_alert_level: '3' } });
    expect(getOssecConf(wazuh.paths, { section: 'global', field: 'white_list' })).toEqual({
      global: { white_list: ['127.0.0.1', '::1'] },
    });
    expect(getOssecConf(wazuh.paths, { section: 'remote', field: 'connection' })).toEqual({
      remote: [{ connection: 'syslog' }, { connection: 'secure' }],
    });
    expect(getOssecConf(wazuh.paths, { section: 'ruleset', field: 'rule_dir', distinct: true })).toEqual({
      ruleset: { rule_dir: [{ exclude: 'x', item: 'etc/rules' }, 'etc/rules', 'more'] },
    });
  });

  test.each([
    [{ section: 'logging' }, 1102],
    [{ section: 'no-such-section' }, 1102],
    [{ section: 'email_alerts' }, 1106],
    [{ section: 'global', field: 'nope' }, 1103],
    [{ section: 'remote', field: 'protocol' }, 1103],
  ])('filter %j fails with %i', (query, code) => {
    const error = thrown(() => getOssecConf(wazuh.paths, query)) as WazuhError;
    expect(error).toBeInstanceOf(WazuhError);
    expect(error.code).toBe(code);
    expect(error.httpStatus).toBe(400);
  });

  test('raw returns the file unchanged', () => {
    expect(readOssecConfRaw(wazuh.paths)).toBe(CONF);
  });
});

describe('unreadable configuration', () => {
  let wazuh: TempWazuh;
  beforeEach(() => {
    wazuh = tempWazuh();
  });
  afterEach(() => wazuh.remove());

  test('a missing file is 1101', () => {
    expect((thrown(() => getOssecConf(wazuh.paths)) as WazuhError).code).toBe(1101);
    expect((thrown(() => readOssecConfRaw(wazuh.paths)) as WazuhError).code).toBe(1101);
  });

  test('broken XML is 1101 with the parser message', () => {
    wazuh.write('etc/ossec.conf', '<ossec_config>\n  <global><logall>no</global>\n</ossec_config>\n');
    const error = thrown(() => getOssecConf(wazuh.paths)) as WazuhError;
    expect(error.code).toBe(1101);
    expect(error.message).toMatch(/^Requested component does not exist: .*logall/);
  });
});

test('agent.conf blocks are grouped by their filters', () => {
  const root = loadWazuhXml(`
<agent_config os="Linux">
  <localfile><location>/var/log/a</location><log_format>syslog</log_format></localfile>
</agent_config>
<agent_config name="web01" os="Linux">
  <syscheck><frequency>60</frequency></syscheck>
</agent_config>
<agent_config os="Linux">
  <localfile><location>/var/log/b</location><log_format>syslog</log_format></localfile>
</agent_config>`);
  expect(agentConfToJson(root)).toEqual([
    {
      filters: { os: 'Linux' },
      config: {
        localfile: [
          { location: '/var/log/a', log_format: 'syslog' },
          { location: '/var/log/b', log_format: 'syslog' },
        ],
      },
    },
    { filters: { name: 'web01', os: 'Linux' }, config: { syscheck: { frequency: '60' } } },
  ]);
});

describe('update check settings', () => {
  let wazuh: TempWazuh;
  beforeEach(() => {
    wazuh = tempWazuh();
  });
  afterEach(() => wazuh.remove());

  test('on with the default service unless <global> says otherwise', () => {
    wazuh.write('etc/ossec.conf', '<ossec_config><alerts><log_alert_level>3</log_alert_level></alerts></ossec_config>');
    expect([updateCheckEnabled(wazuh.paths), ctiUrl(wazuh.paths)]).toEqual([true, 'https://cti.wazuh.com']);
    wazuh.write('etc/ossec.conf', '<ossec_config><global><update_check>no</update_check><cti-url>https://cti.local</cti-url></global></ossec_config>');
    expect([updateCheckEnabled(wazuh.paths), ctiUrl(wazuh.paths)]).toEqual([false, 'https://cti.local']);
  });
});
