import { existsSync, readFileSync, statSync, chmodSync } from 'node:fs';
import { WazuhError } from '../../src/core/errors';
import {
  checkOssecConfUpload,
  DEFAULT_UPLOAD_RULES,
  replaceOssecConf,
  UploadConfigurationRules,
} from '../../src/core/ossec-conf';
import { rejected, TempWazuh, tempWazuh } from './temp-wazuh';

const CURRENT = `<ossec_config>
  <global>
    <logall>no</logall>
    <limits><eps><maximum>100</maximum><timeframe>10</timeframe></eps></limits>
  </global>
  <auth><disabled>no</disabled><allow_higher_versions>no</allow_higher_versions></auth>
  <remote><connection>secure</connection></remote>
  <localfile><log_format>command</log_format><command>df -P</command><frequency>360</frequency></localfile>
  <localfile><log_format>syslog</log_format><location>/var/log/syslog</location></localfile>
  <indexer><enabled>yes</enabled><hosts><host>https://127.0.0.1:9200</host></hosts></indexer>
</ossec_config>
`;

/** The current file with one substitution. */
const edited = (from: string, to: string) => {
  if (!CURRENT.includes(from)) throw new Error(`fixture has no ${from}`);
  return CURRENT.replace(from, to);
};
const appended = (xml: string) => CURRENT.replace('</ossec_config>', `${xml}\n</ossec_config>`);

/** Default rules with some protections switched on. */
function rules(change: (r: UploadConfigurationRules) => void): UploadConfigurationRules {
  const copy = JSON.parse(JSON.stringify(DEFAULT_UPLOAD_RULES)) as UploadConfigurationRules;
  change(copy);
  return copy;
}

async function codeOf(promise: Promise<unknown>): Promise<[number, string]> {
  const error = (await rejected(promise)) as WazuhError;
  expect(error).toBeInstanceOf(WazuhError);
  return [error.code, error.message];
}

describe('checks on an uploaded ossec.conf', () => {
  let wazuh: TempWazuh;
  beforeEach(() => {
    wazuh = tempWazuh();
    wazuh.write('etc/ossec.conf', CURRENT);
  });
  afterEach(() => wazuh.remove());

  test('an empty body is 1125', async () => {
    expect((await codeOf(checkOssecConfUpload(wazuh.paths, '')))[0]).toBe(1125);
  });

  test.each([
    ['mismatched tags', '<ossec_config><global></ossec_config>'],
    ['unclosed element', '<ossec_config><global><logall>no</logall></global>'],
    ['stray < in a value', '<ossec_config><global><logall>a < b</logall></global></ossec_config>'],
    ['attribute without quotes', '<ossec_config><global><logall x=1>no</logall></global></ossec_config>'],
    ['XML declaration', '<?xml version="1.0"?>\n<ossec_config></ossec_config>'],
  ])('%s is 1113', async (_name, content) => {
    const [code, message] = await codeOf(checkOssecConfUpload(wazuh.paths, content));
    expect(code).toBe(1113);
    expect(message).toMatch(/^XML syntax error/);
  });

  test('bare ampersands and -- in comments are accepted, as the manager accepts them', async () => {
    await checkOssecConfUpload(wazuh.paths, appended('<!-- a -- b --><integration><hook_url>https://h?a=1&b=2</hook_url></integration>'));
  });

  test('with every protection off, anything well-formed passes', async () => {
    await checkOssecConfUpload(wazuh.paths, appended(
      '<localfile><log_format>full_command</log_format><command>id</command></localfile>' +
      '<wodle name="command"><command>/bin/true</command></wodle>' +
      '<integration><name>virustotal</name><api_key>k</api_key></integration>'),
    );
    await checkOssecConfUpload(wazuh.paths, edited('<maximum>100</maximum>', '<maximum>5000</maximum>'));
  });

  describe('remote commands (1124)', () => {
    const noLocalfile = rules((r) => { r.remote_commands.localfile.allow = false; });
    const noWodle = rules((r) => { r.remote_commands.wodle_command.allow = false; });

    test('a new command localfile is refused', async () => {
      const content = appended('<localfile><log_format>full_command</log_format><command>cat /etc/shadow</command></localfile>');
      expect(await codeOf(checkOssecConfUpload(wazuh.paths, content, { rules: noLocalfile }))).toEqual([
        1124, 'Remote command detected: localfile',
      ]);
    });

    test('a changed command is refused, other localfile changes are not', async () => {
      const changed = edited('<command>df -P</command>', '<command>df -h</command>');
      expect((await codeOf(checkOssecConfUpload(wazuh.paths, changed, { rules: noLocalfile })))[0]).toBe(1124);
      const otherChange = edited('/var/log/syslog', '/var/log/messages');
      await checkOssecConfUpload(wazuh.paths, otherChange, { rules: noLocalfile });
    });

    test('commands listed as exceptions are allowed', async () => {
      const withException = rules((r) => {
        r.remote_commands.localfile = { allow: false, exceptions: ['uptime'] };
      });
      const content = appended('<localfile><log_format>command</log_format><command>uptime</command></localfile>');
      await checkOssecConfUpload(wazuh.paths, content, { rules: withException });
    });

    test('a new command wodle is refused', async () => {
      const content = appended('<wodle name="command"><disabled>no</disabled><command>/bin/sh -c id</command></wodle>');
      expect(await codeOf(checkOssecConfUpload(wazuh.paths, content, { rules: noWodle }))).toEqual([
        1124, 'Remote command detected: wodle',
      ]);
    });
  });

  describe('agents with higher versions (1129)', () => {
    const protectedRules = rules((r) => { r.agents.allow_higher_versions.allow = false; });

    test('changing the auth setting is refused, even only its value', async () => {
      const content = edited('<allow_higher_versions>no</allow_higher_versions>', '<allow_higher_versions>yes</allow_higher_versions>');
      expect(await codeOf(checkOssecConfUpload(wazuh.paths, content, { rules: protectedRules }))).toEqual([
        1129, 'Higher version agents detected: auth > allow_higher_versions',
      ]);
    });

    test('adding it to remote is refused', async () => {
      const content = edited('<connection>secure</connection>', '<connection>secure</connection><allow_higher_versions>yes</allow_higher_versions>');
      expect((await codeOf(checkOssecConfUpload(wazuh.paths, content, { rules: protectedRules })))[1]).toBe(
        'Higher version agents detected: remote > allow_higher_versions',
      );
    });
  });

  describe('protected sections (1127)', () => {
    test('indexer', async () => {
      const protectedRules = rules((r) => { r.indexer.allow = false; });
      const content = edited('https://127.0.0.1:9200', 'https://10.1.1.1:9200');
      expect(await codeOf(checkOssecConfUpload(wazuh.paths, content, { rules: protectedRules }))).toEqual([
        1127, 'Protected section was modified: indexer',
      ]);
      await checkOssecConfUpload(wazuh.paths, edited('<logall>no</logall>', '<logall>yes</logall>'), { rules: protectedRules });
    });

    test('global > limits > eps', async () => {
      const protectedRules = rules((r) => { r.limits.eps.allow = false; });
      const content = edited('<maximum>100</maximum>', '<maximum>5000</maximum>');
      expect(await codeOf(checkOssecConfUpload(wazuh.paths, content, { rules: protectedRules }))).toEqual([
        1127, 'Protected section was modified: global > limits > eps',
      ]);
    });
  });

  describe('VirusTotal public keys (1130, 1131)', () => {
    const protectedRules = rules((r) => { r.integrations.virustotal.public_key.allow = false; });
    const content = appended('<integration><name>virustotal</name><api_key>0123abcd</api_key><group>syscheck</group></integration>');

    test('without a way to reach VirusTotal the key cannot be checked: 1131 at once', async () => {
      const started = Date.now();
      const [code, message] = await codeOf(checkOssecConfUpload(wazuh.paths, content, { rules: protectedRules }));
      expect(code).toBe(1131);
      expect(message).toMatch(/^Virus Total API request error: .*could not be checked/);
      expect(Date.now() - started).toBeLessThan(1000);
    });

    test('a key whose quota equals the public quota is 1130; a premium key passes', async () => {
      const seen: string[] = [];
      const lookup = async (key: string) => {
        seen.push(key);
        return key === '0123abcd' ? 240 : 10000;
      };
      expect(await codeOf(checkOssecConfUpload(wazuh.paths, content, { rules: protectedRules, virusTotalQuota: lookup }))).toEqual([
        1130, 'Public Virus Total API Key detected: integrations > virustotal',
      ]);
      await checkOssecConfUpload(wazuh.paths, content.replace('0123abcd', 'premium'), { rules: protectedRules, virusTotalQuota: lookup });
      expect(seen).toEqual(['0123abcd', 'premium']);
    });

    test('a failed lookup is 1131 with its reason', async () => {
      const lookup = async () => {
        throw new Error('connect ETIMEDOUT');
      };
      expect(await codeOf(checkOssecConfUpload(wazuh.paths, content, { rules: protectedRules, virusTotalQuota: lookup }))).toEqual([
        1131, 'Virus Total API request error: connect ETIMEDOUT',
      ]);
    });

    test('other integrations are not looked up', async () => {
      const other = appended('<integration><name>slack</name><hook_url>https://hooks</hook_url></integration>');
      await checkOssecConfUpload(wazuh.paths, other, { rules: protectedRules });
    });
  });
});

describe('replacing ossec.conf', () => {
  let wazuh: TempWazuh;
  beforeEach(() => {
    wazuh = tempWazuh();
    wazuh.write('etc/ossec.conf', CURRENT);
    chmodSync(wazuh.paths.ossecConf, 0o640);
  });
  afterEach(() => wazuh.remove());

  const NEW = edited('<logall>no</logall>', '<logall>yes</logall>');
  const backupOf = (file: string) => `${file}.backup`;

  test('success: the new file is in place with the old mode, no backup left', async () => {
    await replaceOssecConf(wazuh.paths, NEW, { validate: async () => ({ status: 'OK' }) });
    expect(readFileSync(wazuh.paths.ossecConf, 'utf8')).toBe(NEW);
    expect(statSync(wazuh.paths.ossecConf).mode & 0o777).toBe(0o640);
    expect(existsSync(backupOf(wazuh.paths.ossecConf))).toBe(false);
  });

  test('while the manager validates, the new file is in place and the old one is the backup', async () => {
    await replaceOssecConf(wazuh.paths, NEW, {
      validate: async () => {
        expect(readFileSync(wazuh.paths.ossecConf, 'utf8')).toBe(NEW);
        expect(readFileSync(backupOf(wazuh.paths.ossecConf), 'utf8')).toBe(CURRENT);
        return { status: 'OK' };
      },
    });
  });

  test('a validation error restores the previous file and is passed on', async () => {
    const error = await rejected(replaceOssecConf(wazuh.paths, NEW, {
      validate: async () => {
        throw new WazuhError(1908, { extra: 'Invalid element in the configuration' });
      },
    })) as WazuhError;
    expect(error.code).toBe(1908);
    expect(readFileSync(wazuh.paths.ossecConf, 'utf8')).toBe(CURRENT);
    expect(existsSync(backupOf(wazuh.paths.ossecConf))).toBe(false);
  });

  test('a verdict other than OK is 1125 and restores the previous file', async () => {
    const error = await rejected(replaceOssecConf(wazuh.paths, NEW, { validate: async () => ({ status: 'KO' }) })) as WazuhError;
    expect(error.code).toBe(1125);
    expect(readFileSync(wazuh.paths.ossecConf, 'utf8')).toBe(CURRENT);
  });

  test('a refused upload never touches the file nor calls the validator', async () => {
    let called = false;
    const error = await rejected(replaceOssecConf(wazuh.paths, '<ossec_config>', {
      validate: async () => {
        called = true;
        return { status: 'OK' };
      },
    })) as WazuhError;
    expect(error.code).toBe(1113);
    expect(called).toBe(false);
    expect(readFileSync(wazuh.paths.ossecConf, 'utf8')).toBe(CURRENT);
    expect(existsSync(backupOf(wazuh.paths.ossecConf))).toBe(false);
  });

  test('overlapping uploads run one after the other', async () => {
    const order: string[] = [];
    const slow = (name: string) => async () => {
      order.push(`${name} start`);
      await new Promise((resolve) => setTimeout(resolve, 30));
      order.push(`${name} end`);
      return { status: 'OK' };
    };
    const second = edited('<logall>no</logall>', '<logall>second</logall>');
    await Promise.all([
      replaceOssecConf(wazuh.paths, NEW, { validate: slow('first') }),
      replaceOssecConf(wazuh.paths, second, { validate: slow('second') }),
    ]);
    expect(order).toEqual(['first start', 'first end', 'second start', 'second end']);
    expect(readFileSync(wazuh.paths.ossecConf, 'utf8')).toBe(second);
  });

  test('without a previous file, a failed upload leaves no file behind', async () => {
    const empty = tempWazuh();
    try {
      empty.write('etc/.keep', '');
      await rejected(replaceOssecConf(empty.paths, NEW, { validate: async () => ({ status: 'KO' }) }));
      expect(existsSync(empty.paths.ossecConf)).toBe(false);
    } finally {
      empty.remove();
    }
  });
});
