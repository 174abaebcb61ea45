import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseExecdVerdict, restartMessage } from '../../../src/core/manager';
import { ExecdService } from '../../../src/daemons/execd/service';
import { tempInstall, type Install } from './fixture';

describe('execd stand-in', () => {
  let install: Install;
  let logs: string[];
  let execd: ExecdService;
  beforeEach(() => {
    install = tempInstall();
    logs = [];
    execd = new ExecdService(install.paths, (level, message) => logs.push(`${level}: ${message}`), { restartWindowMs: 200 });
  });
  afterEach(() => {
    execd.close();
    install.cleanup();
  });

  it('answers getconfig with execd\'s two spaces after ok', () => {
    expect(execd.handleCom('getconfig logging')).toBe('ok  {"logging":{"plain":"yes","json":"no"}}');
    writeFileSync(install.paths.ossecConf, '<ossec_config><logging><log_format>plain,json</log_format></logging></ossec_config>');
    expect(execd.handleCom('getconfig logging')).toBe('ok  {"logging":{"plain":"yes","json":"yes"}}');
    expect(JSON.parse(execd.handleCom('getconfig active-response').slice(4))).toEqual({
      'active-response': { disabled: 'no', ca_store: ['etc/wpk_root.pem'], ca_verification: 'yes' },
    });
    expect(execd.handleCom('getconfig')).toBe('err WCOM getconfig needs arguments');
    expect(execd.handleCom('getconfig agents')).toBe('err Could not get requested section');
    expect(execd.handleCom('dance')).toBe('err Unrecognized command');
  });

  it('refuses the cluster section while the cluster socket is absent', () => {
    expect(execd.handleCom('getconfig cluster')).toBe('err Unable to connect with socket. The component might be disabled');
  });

  it('validates the stock configuration', () => {
    expect(parseExecdVerdict(execd.handleCom('check-manager-configuration'))).toEqual({ status: 'OK' });
  });

  it('reports an unknown block the way the daemons log it', () => {
    writeFileSync(install.paths.ossecConf, '<ossec_config><global/><bogus><x>1</x></bogus></ossec_config>');
    const verdict = JSON.parse(execd.handleCom('check-manager-configuration'));
    expect(verdict.error).toBe(1);
    expect(verdict.message).toMatch(/^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d wazuh-authd: ERROR: \(1230\): Invalid element in the configuration: 'bogus'\.\n/);
    expect(() => parseExecdVerdict(JSON.stringify(verdict))).toThrow(
      "Error validating configuration: (1230): Invalid element in the configuration: 'bogus'., " +
        "(1202): Configuration error at 'etc/ossec.conf'.",
    );
  });

  it('reports a broken file, a missing file and a bad cluster section', () => {
    writeFileSync(install.paths.ossecConf, '<ossec_config><global></ossec_config>');
    expect(() => parseExecdVerdict(execd.handleCom('check-manager-configuration'))).toThrow(/\(1226\): Error reading XML file/);
    writeFileSync(install.paths.ossecConf, '<ossec_config><cluster><disabled>no</disabled><key>short</key></cluster></ossec_config>');
    expect(() => parseExecdVerdict(execd.handleCom('check-manager-configuration'))).toThrow(
      'Error validating configuration: Error in cluster configuration: Key must be 32 characters long and only have alphanumeric characters',
    );
    rmSync(install.paths.ossecConf);
    expect(() => parseExecdVerdict(execd.handleCom('check-manager-configuration'))).toThrow(/\(1103\): Could not open file/);
  });

  it('acts out a restart requested on execq: logged, var/run/.restart for a moment', async () => {
    const marker = join(install.paths.varRun, '.restart');
    execd.handleExecq(Buffer.from(restartMessage()));
    expect(existsSync(marker)).toBe(true);
    expect(execd.restarts.map((item) => item.source)).toEqual(['execq']);
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(existsSync(marker)).toBe(false);
    expect(logs).toEqual(['INFO: Restarting Wazuh manager (requested through the execution queue).', 'INFO: Wazuh manager restarted.']);
  });

  it('ignores other execq messages with a warning', () => {
    execd.handleExecq('{"version":1,"command":"firewall-drop"}');
    execd.handleExecq('not json {');
    expect(execd.restarts).toEqual([]);
    expect(logs).toEqual(["WARNING: Active response command not present: 'firewall-drop'. Not executed.", "WARNING: Active response command not present: 'not'. Not executed."]);
  });
});
