import { readFileSync } from 'node:fs';
import { WazuhError } from '../../src/core/errors';
import {
  checkClusterConfig,
  ClusterConfig,
  getOssecConf,
  readClusterConfig,
  writeDefaultOssecConf,
} from '../../src/core/ossec-conf';
import { TempWazuh, tempWazuh, thrown } from './temp-wazuh';

const KEY = 'c98b62a9b6169ac5f67dae55ae4a9088';

describe('<cluster> section', () => {
  let wazuh: TempWazuh;
  beforeEach(() => {
    wazuh = tempWazuh();
  });
  afterEach(() => wazuh.remove());

  const withCluster = (inner: string) =>
    wazuh.write('etc/ossec.conf', `<ossec_config>\n  <global><logall>no</logall></global>\n${inner}\n</ossec_config>\n`);

  test('no section: a disabled master called node01', () => {
    withCluster('');
    const config = readClusterConfig(wazuh.paths);
    expect(config).toMatchObject({
      enabled: false, disabled: true, node_name: 'node01', node_type: 'master', name: 'wazuh', port: 1516,
      nodes: ['NODE_IP'], hidden: 'no', key: '', bind_addr: '0.0.0.0',
    });
  });

  test('disabled=yes is disabled; no disabled option means enabled; defaults fill the rest', () => {
    withCluster(`<cluster><name>prod</name><key>${KEY}</key><disabled>yes</disabled></cluster>`);
    expect(readClusterConfig(wazuh.paths)).toMatchObject({ enabled: false, disabled: true, name: 'prod' });

    withCluster(`<cluster><node_name>master-1</node_name><key>${KEY}</key><port>1600</port>
      <nodes><node>10.0.0.5</node><node>10.0.0.6</node></nodes></cluster>`);
    const config = readClusterConfig(wazuh.paths);
    expect(config).toMatchObject({
      enabled: true, disabled: false, node_name: 'master-1', port: 1600, nodes: ['10.0.0.5', '10.0.0.6'], name: 'wazuh',
    });
    // What GET /cluster/local/config shows: the options found plus defaults, port a number, disabled a boolean.
    expect(config.settings).toEqual({
      node_name: 'master-1', key: KEY, port: 1600, nodes: ['10.0.0.5', '10.0.0.6'],
      disabled: false, node_type: 'master', name: 'wazuh', bind_addr: '0.0.0.0', hidden: 'no',
    });
    expect(() => checkClusterConfig(config)).not.toThrow();
  });

  test('the deprecated node type client is read as worker', () => {
    withCluster(`<cluster><node_type>client</node_type><key>${KEY}</key><disabled>no</disabled></cluster>`);
    expect(readClusterConfig(wazuh.paths).node_type).toBe('worker');
  });

  test.each([
    ['<port>15x6</port>', 'Error in cluster configuration: Cluster port must be an integer.'],
    ['<disabled>maybe</disabled>', "Error in cluster configuration: Allowed values for 'disabled' field are 'yes' and 'no'. Found: 'maybe'"],
  ])('%s is error 3004', (inner, message) => {
    withCluster(`<cluster>${inner}</cluster>`);
    const error = thrown(() => readClusterConfig(wazuh.paths)) as WazuhError;
    expect([error.code, error.message]).toEqual([3004, message]);
  });

  test('an unreadable ossec.conf is error 3006', () => {
    wazuh.write('etc/ossec.conf', '<ossec_config><cluster></ossec_config>');
    expect((thrown(() => readClusterConfig(wazuh.paths)) as WazuhError).code).toBe(3006);
  });
});

describe('cluster checks before starting a node', () => {
  const base: ClusterConfig = {
    enabled: true, disabled: false, name: 'wazuh', node_name: 'node01', node_type: 'master', key: KEY, port: 1516,
    bind_addr: '0.0.0.0', nodes: ['10.0.0.1'], hidden: 'no', settings: {},
  };

  test.each([
    [{ key: '' }, 'Unspecified key'],
    [{ key: KEY.slice(1) }, 'Key must be 32 characters long and only have alphanumeric characters'],
    [{ key: `${KEY.slice(2)}-!` }, 'Key must be 32 characters long and only have alphanumeric characters'],
    [{ node_type: 'boss' }, 'Invalid node type boss. Correct values are master and worker'],
    [{ port: 1024 }, 'Port must be higher than 1024 and lower than 65535.'],
    [{ port: 70000 }, 'Port must be higher than 1024 and lower than 65535.'],
    [{ nodes: ['10.0.0.1', 'NODE_IP'] }, 'Invalid elements in node fields: NODE_IP.'],
  ])('%j is refused', (change, reason) => {
    const error = thrown(() => checkClusterConfig({ ...base, ...change })) as WazuhError;
    expect(error.code).toBe(3004);
    expect(error.message).toBe(`Error in cluster configuration: ${reason}`);
  });

  test('a correct worker passes', () => {
    expect(() => checkClusterConfig({ ...base, node_type: 'worker', port: 1517 })).not.toThrow();
  });
});

describe('default ossec.conf', () => {
  let wazuh: TempWazuh;
  beforeEach(() => {
    wazuh = tempWazuh();
  });
  afterEach(() => wazuh.remove());

  test('is written once, parses, and leaves the cluster disabled', () => {
    expect(writeDefaultOssecConf(wazuh.paths)).toBe(true);
    const written = readFileSync(wazuh.paths.ossecConf, 'utf8');
    wazuh.write('etc/ossec.conf', `${written}<!-- local change -->\n`);
    expect(writeDefaultOssecConf(wazuh.paths)).toBe(false);
    expect(readFileSync(wazuh.paths.ossecConf, 'utf8')).toContain('local change');

    const conf = getOssecConf(wazuh.paths);
    for (const section of ['global', 'alerts', 'remote', 'auth', 'cluster', 'syscheck', 'rootcheck', 'command',
      'active-response', 'localfile', 'ruleset']) {
      expect(conf).toHaveProperty([section]);
    }
    expect(readClusterConfig(wazuh.paths)).toMatchObject({ enabled: false, node_name: 'node01', node_type: 'master' });
  });
});
