import {
  checkComponentConfiguration,
  componentSocket,
  parseExecdVerdict,
  parseReloadReply,
  reloadMessage,
} from '../../src/core/manager';
import { wazuhPaths } from '../../src/core/paths';

describe('component/configuration pairs', () => {
  it('accepts every pair Wazuh accepts', () => {
    expect(() => checkComponentConfiguration('com', 'logging')).not.toThrow();
    expect(() => checkComponentConfiguration('wazuh-db', 'wdb')).not.toThrow();
    expect(() => checkComponentConfiguration('agent', 'anti_tampering')).not.toThrow();
  });

  it('refuses other pairs with 1128 listing the valid configurations', () => {
    expect(() => checkComponentConfiguration('com', 'syscheck')).toThrow(
      expect.objectContaining({
        code: 1128,
        httpStatus: 400,
        message:
          "Invalid configuration for the given component: Valid configuration values for 'com': " +
          "{'active-response', 'logging', 'internal', 'cluster'}",
      }),
    );
  });

  it('maps components to their sockets and protocols', () => {
    const paths = wazuhPaths('/w');
    expect(componentSocket(paths, 'agent')).toEqual({ name: 'analysis', path: '/w/queue/sockets/analysis', protocol: 'json' });
    expect(componentSocket(paths, 'request')).toMatchObject({ path: '/w/queue/sockets/remote', protocol: 'json' });
    expect(componentSocket(paths, 'wazuh-db')).toMatchObject({ path: '/w/queue/db/wdb', protocol: 'json' });
    expect(componentSocket(paths, 'logcollector')).toMatchObject({ path: '/w/queue/sockets/logcollector', protocol: 'plain' });
  });
});

describe("execd's configuration verdict", () => {
  it('is OK on error 0', () => {
    expect(parseExecdVerdict('{"error":0,"message":"ok"}')).toEqual({ status: 'OK' });
  });

  it('collects the ERROR/CRITICAL texts once each, without tags, as error 1908', () => {
    const output = [
      '2024/01/01 10:00:00 wazuh-analysisd: ERROR: (1230): Invalid element in the configuration: \'foo\'.',
      '2024/01/01 10:00:00 wazuh-analysisd: CRITICAL: [conf] (1202): Configuration error at \'etc/ossec.conf\'.',
      '2024/01/01 10:00:00 wazuh-remoted: ERROR: (1230): Invalid element in the configuration: \'foo\'.',
      'wazuh-remoted: some info line',
    ].join('\n');
    expect(() => parseExecdVerdict(JSON.stringify({ error: 1, message: output }))).toThrow(
      expect.objectContaining({
        code: 1908,
        httpStatus: 400,
        message:
          "Error validating configuration: (1230): Invalid element in the configuration: 'foo'., " +
          "(1202): Configuration error at 'etc/ossec.conf'.",
      }),
    );
  });

  it('is 1904 when the reply is not execd JSON', () => {
    expect(() => parseExecdVerdict('ok')).toThrow(expect.objectContaining({ code: 1904, httpStatus: 500 }));
  });
});

describe("analysisd's reload verdict", () => {
  it('reports warnings, or the fixed text when there are none', () => {
    expect(reloadMessage(parseReloadReply('{"error":0,"message":"ok","data":[]}'))).toBe(
      'Ruleset reload request sent successfully.',
    );
    expect(reloadMessage(parseReloadReply('{"error":0,"message":"ok","data":["w1","w2"]}'))).toBe('w1, w2');
  });

  it('turns errors into 1914', () => {
    expect(() => reloadMessage(parseReloadReply('{"error":1,"message":"due","data":["bad rule 100001"]}'))).toThrow(
      expect.objectContaining({ code: 1914, message: 'Failed to reload ruleset: bad rule 100001' }),
    );
  });
});
