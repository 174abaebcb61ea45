/**
 * api.yaml: Wazuh's loading rules (yes/no, lower-casing, defaults merged, ssl paths), refusal of unknown keys and
 * wrong types with a message naming the key, and the install layout completed on start.
 */
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startApi } from '../../src/app';
import { ApiConfigError, DEFAULT_API_YAML, defaultApiConfig, ensureInstallLayout, parseApiConfig, parseLogSize } from '../../src/core/config';
import { wazuhPaths } from '../../src/core/paths';
import { makeWazuhPath, writeApiYaml } from '../helpers/server';

const SSL = '/var/ossec/api/configuration/ssl';

describe('parseApiConfig', () => {
  it('gives every default for an empty or all-comment file', () => {
    const expected = defaultApiConfig();
    expected.https.key = `${SSL}/server.key`;
    expected.https.cert = `${SSL}/server.crt`;
    expected.https.ca = `${SSL}/ca.crt`;
    expect(parseApiConfig('', SSL)).toEqual(expected);
    expect(parseApiConfig(DEFAULT_API_YAML, SSL)).toEqual(expected);
  });

  it('turns yes/no into booleans, lower-cases strings but not the ssl file names, and merges sections', () => {
    const config = parseApiConfig(
      [
        'https:',
        '  enabled: NO',
        '  key: MyKey.PEM',
        '  ssl_protocol: TLSv1.2',
        'logs:',
        '  level: DEBUG',
        'cors:',
        '  enabled: Yes',
        '  source_route: https://Allowed.COM',
      ].join('\n'),
      SSL,
    );
    expect(config.https).toEqual({
      enabled: false,
      key: `${SSL}/MyKey.PEM`,
      cert: `${SSL}/server.crt`,
      use_ca: false,
      ca: `${SSL}/ca.crt`,
      ssl_protocol: 'tlsv1.2',
      ssl_ciphers: '',
    });
    expect(config.logs).toEqual({ level: 'debug', format: 'plain', max_size: { enabled: false, size: '1M' } });
    expect(config.cors.enabled).toBe(true);
    expect(config.cors.source_route).toBe('https://allowed.com');
    expect(config.port).toBe(55000);
  });

  it('accepts the deprecated keys', () => {
    const config = parseApiConfig('use_only_authd: no\nlogs:\n  path: /x\ncache:\n  enabled: yes\n  time: 0.75\n', SSL);
    expect(config.use_only_authd).toBe(false);
    expect(config.cache).toEqual({ enabled: true, time: 0.75 });
  });

  it.each([
    ['colour: red', "api.yaml: unknown key 'colour'"],
    ['logs:\n  colour: red', "api.yaml: unknown key 'logs.colour'"],
    ['upload_configuration:\n  limits:\n    eps:\n      deny: yes', "api.yaml: unknown key 'upload_configuration.limits.eps.deny'"],
    ["port: '55000'", "api.yaml: 'port' must be a number"],
    ['port: 55000.5', "api.yaml: 'port' must be an integer"],
    ['https:\n  enabled: maybe', "api.yaml: 'https.enabled' must be a boolean (yes or no)"],
    ['https: yes', "api.yaml: 'https' must be a section of options (a mapping)"],
    ['https:\n  key: ../etc/passwd', "api.yaml: 'https.key' must be a file name (letters, digits, '_', '-' and '.')"],
    ['logs:\n  level: verbose', "api.yaml: 'logs.level' must be one of: disabled, info, warning, error, debug, debug2"],
    ['logs:\n  max_size:\n    enabled: yes\n    size: 512K', "api.yaml: 'logs.max_size.size' must be at least 1M"],
    ['authentication_pool_size: 51', "api.yaml: 'authentication_pool_size' must be at most 50"],
    ['max_upload_size: -1', "api.yaml: 'max_upload_size' must be at least 0"],
    ['upload_configuration:\n  remote_commands:\n    localfile:\n      exceptions: yes', "api.yaml: 'upload_configuration.remote_commands.localfile.exceptions' must be a list of strings"],
    ['port: [1', 'api.yaml: invalid YAML'],
    ['- a\n- b', 'api.yaml: the file must hold a mapping of options'],
  ])('refuses %j', (text, message) => {
    expect(() => parseApiConfig(text, SSL)).toThrow(ApiConfigError);
    expect(() => parseApiConfig(text, SSL)).toThrow(message);
  });

  it('parses log sizes', () => {
    expect(parseLogSize('1M')).toBe(1048576);
    expect(parseLogSize('2048k')).toBe(2097152);
  });
});

describe('start-up', () => {
  let wazuhPath: string;
  beforeEach(() => {
    wazuhPath = makeWazuhPath();
  });
  afterEach(() => rmSync(wazuhPath, { recursive: true, force: true }));

  it('stops with the message naming the key when api.yaml is wrong', async () => {
    writeApiYaml(wazuhPath, { logs: { colour: 'red' } });
    await expect(startApi({ wazuhPath })).rejects.toThrow("api.yaml: unknown key 'logs.colour'");
    writeApiYaml(wazuhPath, { port: 'high' });
    await expect(startApi({ wazuhPath })).rejects.toThrow("api.yaml: 'port' must be a number");
  });

  it('creates the install layout and a commented api.yaml, and never overwrites an existing one', async () => {
    const paths = wazuhPaths(wazuhPath);
    ensureInstallLayout(paths);
    expect(readFileSync(paths.api.apiYaml, 'utf8')).toBe(DEFAULT_API_YAML);
    for (const dir of [paths.etc, paths.shared, paths.logs, paths.queueDb, paths.varRun, paths.api.security, paths.api.ssl]) {
      expect(existsSync(dir)).toBe(true);
    }
    expect(statSync(paths.api.ssl).mode & 0o777).toBe(0o750);

    const own = 'port: 0\nhost: [127.0.0.1]\nhttps:\n  enabled: no\n';
    writeFileSync(paths.api.apiYaml, own);
    const api = await startApi({ wazuhPath });
    try {
      expect(readFileSync(paths.api.apiYaml, 'utf8')).toBe(own);
      expect(api.protocol).toBe('http');
      expect(api.services.apiConfig.host).toEqual(['127.0.0.1']);
    } finally {
      await api.close();
    }
  });

  it('fails when no configured address can be bound', async () => {
    writeApiYaml(wazuhPath, { host: ['192.0.2.1'] });
    await expect(startApi({ wazuhPath })).rejects.toThrow(/Error while attempting to bind on address: 192\.0\.2\.1:0/);
    expect(readFileSync(join(wazuhPath, 'logs', 'api.log'), 'utf8')).toMatch(/ERROR: The API could not start/);
  });
});
