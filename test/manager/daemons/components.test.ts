import { writeFileSync } from 'node:fs';
import { COMPONENT_DAEMONS } from '../../../src/daemons/components/catalogue';
import { readManagerConf } from '../../../src/daemons/components/conf';
import { plainComponentHandler } from '../../../src/daemons/components/plain-service';
import { tempInstall, type Install } from './fixture';

const component = (socket: string) => {
  const entry = COMPONENT_DAEMONS.find((item) => item.socket === socket);
  if (!entry) throw new Error(socket);
  return entry;
};

describe('component daemons answer getconfig from ossec.conf', () => {
  let install: Install;
  beforeEach(() => {
    install = tempInstall();
  });
  afterEach(() => install.cleanup());

  it('logcollector lists the localfile blocks of the file', () => {
    const handle = plainComponentHandler(component('logcollector'), install.paths);
    const reply = handle('getconfig localfile');
    expect(reply.startsWith('ok {')).toBe(true);
    const data = JSON.parse(reply.slice(3));
    expect(data.localfile.map((item: { logformat: string }) => item.logformat)).toEqual([
      'command',
      'full_command',
      'syslog',
      'journald',
    ]);
    expect(data.localfile[0]).toMatchObject({ command: 'df -P', frequency: 360, target: ['agent'] });
  });

  it('answers the daemons own errors for missing arguments, unconfigured sections and unknown commands', () => {
    const handle = plainComponentHandler(component('logcollector'), install.paths);
    expect(handle('getconfig')).toBe('err LCCOM getconfig needs arguments');
    expect(handle('getconfig socket')).toBe('err Could not get requested section');
    expect(handle('getconfig nothing')).toBe('err Could not get requested section');
    expect(handle('getstatus')).toBe('err Unrecognized command');
    expect(plainComponentHandler(component('syscheck'), install.paths)('getconfig')).toBe('err SYSCOM getconfig needs arguments');
  });

  it('follows changes of ossec.conf at once', () => {
    const handle = plainComponentHandler(component('syscheck'), install.paths);
    expect(JSON.parse(handle('getconfig syscheck').slice(3)).syscheck.frequency).toBe(43200);
    writeFileSync(
      install.paths.ossecConf,
      '<ossec_config><syscheck><disabled>yes</disabled><frequency>60</frequency></syscheck></ossec_config>',
    );
    expect(JSON.parse(handle('getconfig syscheck').slice(3))).toEqual({ syscheck: { disabled: 'yes', frequency: 60 } });
    expect(handle('getconfig rootcheck')).toBe('err Could not get requested section');
  });

  it('wmodules lists every module block, wodles by name', () => {
    writeFileSync(
      install.paths.ossecConf,
      '<ossec_config><sca><enabled>yes</enabled></sca><wodle name="command"><tag>x</tag><command>ls</command></wodle></ossec_config>',
    );
    const reply = plainComponentHandler(component('wmodules'), install.paths)('getconfig wmodules');
    expect(JSON.parse(reply.slice(3)).wmodules).toEqual([
      { sca: { enabled: 'yes' } },
      { command: { tag: 'x', command: 'ls' } },
      { 'task-manager': { enabled: 'yes' } },
      { 'agent-upgrade': { enabled: 'yes' } },
    ]);
  });

  it('knows which optional daemons a configuration starts', () => {
    const conf = readManagerConf(install.paths);
    const running = COMPONENT_DAEMONS.filter((entry) => entry.runs(conf)).map((entry) => entry.socket);
    expect(running).toEqual(['logcollector', 'syscheck', 'wmodules', 'monitor']);
    writeFileSync(
      install.paths.ossecConf,
      '<ossec_config><global><email_notification>yes</email_notification></global><integration><name>slack</name></integration></ossec_config>',
    );
    const more = COMPONENT_DAEMONS.filter((entry) => entry.runs(readManagerConf(install.paths))).map((entry) => entry.socket);
    expect(more).toEqual(['logcollector', 'syscheck', 'wmodules', 'monitor', 'mail', 'integrator']);
  });

  it('survives a missing or broken ossec.conf', () => {
    writeFileSync(install.paths.ossecConf, '<ossec_config><global>');
    expect(plainComponentHandler(component('logcollector'), install.paths)('getconfig localfile')).toBe(
      'err Could not get requested section',
    );
    expect(readManagerConf(install.paths).problem).toBeDefined();
  });
});
