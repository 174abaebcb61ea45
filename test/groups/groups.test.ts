/**
 * Groups over a real install: folders under `etc/shared`, member counts from global.db (kept in step with the
 * folders by the wazuh-modulesd stand-in), group files and the shared configuration's upload checks.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL, assignAgentsToGroup, addAgent, only } from '../../src/core/agents';
import {
  createGroup,
  deleteGroupFolder,
  listGroupFiles,
  listGroups,
  readGroupConfiguration,
  readGroupFile,
  uploadGroupConfiguration,
} from '../../src/core/groups';
import { startCoreFixture, type CoreFixture } from '../agents/fixture';
import { waitFor } from '../helpers/async';

let fx: CoreFixture;
beforeAll(async () => {
  fx = await startCoreFixture();
});
afterAll(() => fx.close());

const md5 = (text: string) => createHash('md5').update(text).digest('hex');
const stored = (name: string) => fx.sql('SELECT 1 FROM `group` WHERE name = ?', name).length === 1;

describe('group folders and listing', () => {
  it('creates a group from the template, refuses duplicates and bad names', () => {
    writeFileSync(join(fx.deps.paths.shared, 'agent-template.conf'), '<agent_config>\n</agent_config>\n');
    expect(createGroup(fx.deps.paths, 'web')).toBe("Group 'web' created.");
    expect(readFileSync(join(fx.deps.paths.shared, 'web', 'agent.conf'), 'utf8')).toBe('<agent_config>\n</agent_config>\n');
    expect(() => createGroup(fx.deps.paths, 'web')).toThrow(expect.objectContaining({ code: 1711 }));
    expect(() => createGroup(fx.deps.paths, 'DEFAULT')).toThrow(expect.objectContaining({ code: 1711 }));
    writeFileSync(join(fx.deps.paths.shared, 'afile'), 'x');
    expect(() => createGroup(fx.deps.paths, 'afile')).toThrow(expect.objectContaining({ code: 1713 }));
    expect(() => createGroup(fx.deps.paths, 'bad/name')).toThrow(expect.objectContaining({ code: 1722 }));
  });

  it('lists stored groups with member counts and file checksums, through the query language', async () => {
    createGroup(fx.deps.paths, 'db');
    await waitFor(() => stored('web') && stored('db'));
    const a = await addAgent(fx.deps, { name: 'g1', forceByDefault: false });
    const b = await addAgent(fx.deps, { name: 'g2', forceByDefault: false });
    await assignAgentsToGroup(fx.deps, { group: 'web', ids: [a.id, b.id], replace: false, mayReplace: () => true });

    const all = await listGroups(fx.deps.wdb, fx.deps.paths, { scope: ALL, params: {} });
    const web = all.items.find((item) => item.name === 'web');
    const conf = readFileSync(join(fx.deps.paths.shared, 'web', 'agent.conf'), 'utf8');
    expect(web).toEqual({ name: 'web', count: 2, configSum: md5(conf) });
    expect(all.items.find((item) => item.name === 'default')).toMatchObject({ count: 2 });

    const busy = await listGroups(fx.deps.wdb, fx.deps.paths, { scope: ALL, params: { q: 'count>1', sort: '-name', select: ['count'] } });
    expect(busy.items).toEqual([
      { name: 'web', count: 2 },
      { name: 'default', count: 2 },
    ]);
    const scoped = await listGroups(fx.deps.wdb, fx.deps.paths, { scope: only(['db']), params: {} });
    expect(scoped.items.map((item) => item.name)).toEqual(['db']);
    await expect(listGroups(fx.deps.wdb, fx.deps.paths, { scope: ALL, params: { q: 'size>1' } })).rejects.toMatchObject({
      code: 1408,
    });
  });

  it('deletes a group folder; wazuh-db forgets the group', async () => {
    createGroup(fx.deps.paths, 'gone');
    await waitFor(() => stored('gone'));
    deleteGroupFolder(fx.deps.paths, 'gone');
    expect(existsSync(join(fx.deps.paths.shared, 'gone'))).toBe(false);
    await waitFor(() => !stored('gone'));
  });
});

describe('group files', () => {
  it('lists the folder with the shared ar.conf and checksums', () => {
    writeFileSync(join(fx.deps.paths.shared, 'ar.conf'), 'restart-ossec0 - restart-ossec.sh - 0\n');
    const files = listGroupFiles(fx.deps.paths, 'web', {}, 'sha256');
    if (files.missing) throw new Error('group missing');
    const names = [...readdirSync(join(fx.deps.paths.shared, 'web')), 'ar.conf'].sort();
    expect(files.items.map((item) => item.filename)).toEqual(names);
    const ar = files.items.find((item) => item.filename === 'ar.conf');
    expect(ar?.hash).toBe(createHash('sha256').update('restart-ossec0 - restart-ossec.sh - 0\n').digest('hex'));
    expect(listGroupFiles(fx.deps.paths, 'nope', {}).missing).toBe(true);
  });

  it('reads files raw or parsed by name or type', () => {
    const folder = join(fx.deps.paths.shared, 'web');
    writeFileSync(join(folder, 'rootkit_files.txt'), '# comment\nbin/.login ! Trojan login ::/rootkits/trojan.php\n');
    writeFileSync(join(folder, 'rootkit_trojans.txt'), 'ls !bash|^/bin/sh|file\\.h|proc\\.h|/\\.ind! Trojaned ls\n');
    writeFileSync(
      join(folder, 'cis_debian.txt'),
      '$sshd_file=/etc/ssh/sshd_config;\n[CIS - Debian - 1.4 - Kernel {CIS: 1.4 Debian} {PCI_DSS: 2.2.4}] [any] [https://x]\nf:/etc/fstab -> !r:/tmp;\n',
    );
    expect(readGroupFile(fx.deps.paths, 'web', 'rootkit_files.txt')).toEqual([
      { filename: 'bin/.login', name: 'Trojan login', link: '/rootkits/trojan.php' },
    ]);
    expect(readGroupFile(fx.deps.paths, 'web', 'rootkit_trojans.txt')).toEqual([
      { filename: 'ls', name: 'bash|^/bin/sh|file\\.h|proc\\.h|/\\.ind', description: 'Trojaned ls' },
    ]);
    expect(readGroupFile(fx.deps.paths, 'web', 'cis_debian.txt')).toEqual({
      vars: { sshd_file: '/etc/ssh/sshd_config;' },
      controls: [
        {},
        {
          name: 'CIS - Debian - 1.4 - Kernel',
          cis: ['1.4 Debian'],
          pci: ['2.2.4'],
          condition: 'any',
          reference: 'https://x',
          checks: ['f:/etc/fstab -> !r:/tmp;'],
        },
      ],
    });
    expect(readGroupFile(fx.deps.paths, 'web', 'ar.conf')).toEqual(['restart-ossec0 - restart-ossec.sh - 0']);
    expect(readGroupFile(fx.deps.paths, 'web', 'agent.conf', { raw: true })).toBe('<agent_config>\n</agent_config>\n');
    expect(() => readGroupFile(fx.deps.paths, 'web', 'agent.conf', { type: 'xml' })).toThrow(expect.objectContaining({ code: 1104 }));
    expect(() => readGroupFile(fx.deps.paths, 'web', 'missing.txt')).toThrow(expect.objectContaining({ code: 1006 }));
    expect(() => readGroupFile(fx.deps.paths, 'nope', 'agent.conf')).toThrow(expect.objectContaining({ code: 1710 }));
  });
});

describe('shared configuration', () => {
  const good = `<agent_config os="Linux">
  <localfile><location>/var/log/app.log</location><log_format>syslog</log_format></localfile>
  <syscheck><frequency>43200</frequency><directories check_all="yes">/etc,/usr/bin</directories></syscheck>
</agent_config>
<agent_config>
  <labels><label key="env">prod</label></labels>
</agent_config>`;

  it('stores a valid configuration laid out again and reads it back as JSON blocks', () => {
    expect(uploadGroupConfiguration(fx.deps.paths, 'web', good)).toBe('Agent configuration was successfully updated');
    const text = readFileSync(join(fx.deps.paths.shared, 'web', 'agent.conf'), 'utf8');
    expect(text.split('\n').slice(0, 5)).toEqual([
      '  <agent_config os="Linux">',
      '    <localfile>',
      '      <location>/var/log/app.log</location>',
      '      <log_format>syslog</log_format>',
      '    </localfile>',
    ]);
    const read = readGroupConfiguration(fx.deps.paths, 'web', 0, 500);
    expect(read.total_affected_items).toBe(2);
    expect(read.affected_items[0]).toEqual({
      filters: { os: 'Linux' },
      config: {
        localfile: [{ location: '/var/log/app.log', log_format: 'syslog' }],
        syscheck: { frequency: '43200', directories: [{ check_all: 'yes', path: '/etc' }, { check_all: 'yes', path: '/usr/bin' }] },
      },
    });
    expect(readGroupConfiguration(fx.deps.paths, 'web', 1, 1).affected_items).toEqual([
      { filters: {}, config: { labels: [{ label: [{ key: 'env', value: 'prod' }] }] } },
    ]);
    expect(readdirSync(fx.deps.paths.tmp)).toEqual([]);
  });

  it('refuses broken XML, unknown elements and empty files, leaving the old file in place', () => {
    const before = readFileSync(join(fx.deps.paths.shared, 'web', 'agent.conf'), 'utf8');
    expect(() => uploadGroupConfiguration(fx.deps.paths, 'web', '<agent_config><localfile></agent_config>')).toThrow(
      expect.objectContaining({ code: 1113 }),
    );
    let failure: { code: number; message: string } | undefined;
    try {
      uploadGroupConfiguration(fx.deps.paths, 'web', '<agent_config><syscheck><frequenci>1</frequenci></syscheck></agent_config>');
    } catch (error) {
      failure = error as { code: number; message: string };
    }
    expect(failure?.code).toBe(1114);
    expect(failure?.message).toMatch(
      /^Wazuh syntax error: Invalid element in the configuration: 'frequenci'\. Configuration error at '.*api_tmp_file_.*\.xml'\. Syscheck remote configuration in '.*' is corrupted\.$/,
    );
    expect(() => uploadGroupConfiguration(fx.deps.paths, 'web', '<ossec_config></ossec_config>')).toThrow(
      expect.objectContaining({ code: 1114 }),
    );
    expect(() => uploadGroupConfiguration(fx.deps.paths, 'web', '')).toThrow(expect.objectContaining({ code: 1112 }));
    expect(() => uploadGroupConfiguration(fx.deps.paths, 'nope', good)).toThrow(expect.objectContaining({ code: 1710 }));
    expect(readFileSync(join(fx.deps.paths.shared, 'web', 'agent.conf'), 'utf8')).toBe(before);
    expect(readdirSync(fx.deps.paths.tmp)).toEqual([]);
  });
});
