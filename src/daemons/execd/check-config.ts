/**
 * What `check-manager-configuration` runs on a real manager: each daemon's `-t` configuration test, stopping at the
 * first daemon that fails. The stand-in applies the checks every daemon shares (the file can be read, it is XML,
 * every block is a known section) plus the cluster daemon's own, and reports them in the daemons' log format.
 */
import { readFileSync } from 'node:fs';
import { checkClusterConfig, checkStrictXml, clusterSettings, loadWazuhXml, ossecConfToJson } from '../../core/ossec-conf';
import type { WazuhPaths } from '../../core/paths';

/** Top-level blocks the manager's configuration reader accepts inside `<ossec_config>`. */
export const KNOWN_SECTIONS: ReadonlySet<string> = new Set([
  'global', 'ruleset', 'syscheck', 'rootcheck', 'alerts', 'email_alerts', 'database_output', 'syslog_output',
  'agentless', 'localfile', 'remote', 'client', 'anti_tampering', 'client_buffer', 'command', 'integration',
  'active-response', 'wodle', 'labels', 'logging', 'cluster', 'socket', 'sca', 'vulnerability-detection',
  'vulnerability-detector', 'indexer', 'gcp-pubsub', 'gcp-bucket', 'rule_test', 'agent-upgrade', 'task-manager',
  'wdb', 'fluent-forward', 'auth', 'reports', 'agent-key-polling', 'github', 'office365', 'ms-graph',
  // module blocks the reader hands to modulesd
  'syscollector', 'osquery', 'open-scap', 'cis-cat', 'aws-s3', 'azure-logs', 'docker-listener',
]);

const CONF_NAME = 'etc/ossec.conf';

function logTime(date = new Date()): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}/${pad(date.getMonth() + 1)}/${pad(date.getDate())} ${pad(date.getHours())}:${pad(
    date.getMinutes(),
  )}:${pad(date.getSeconds())}`;
}

function failure(daemon: string, ...errors: string[]): { error: number; message: string } {
  const time = logTime();
  const lines = errors.map((text) => `${time} ${daemon}: ERROR: ${text}`);
  lines.push(`${time} ${daemon}: CRITICAL: (1202): Configuration error at '${CONF_NAME}'.`);
  return { error: 1, message: lines.join('\n') };
}

/** The verdict execd sends back: `{"error":0,"message":"ok"}` or the failing test's output. */
export function checkManagerConfiguration(paths: Pick<WazuhPaths, 'ossecConf'>): { error: number; message: string } {
  let text: string;
  try {
    text = readFileSync(paths.ossecConf, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'No such file or directory' : (error as Error).message;
    return failure('wazuh-authd', `(1103): Could not open file '${CONF_NAME}' due to [(2)-(${reason})].`);
  }

  const problem = checkStrictXml(text);
  if (problem) return failure('wazuh-authd', `(1226): Error reading XML file '${CONF_NAME}': ${problem} (line 0).`);
  const root = loadWazuhXml(text);
  const blocks = root.children.filter((child) => child.tag === 'ossec_config');
  if (blocks.length === 0) return failure('wazuh-authd', `(1226): Error reading XML file '${CONF_NAME}': no <ossec_config> block (line 0).`);
  for (const block of blocks) {
    const unknown = block.children.find((section) => !KNOWN_SECTIONS.has(section.tag));
    if (unknown) return failure('wazuh-authd', `(1230): Invalid element in the configuration: '${unknown.tag}'.`);
  }

  const section = ossecConfToJson(root).cluster;
  try {
    const cluster = clusterSettings(section as Record<string, unknown> | undefined);
    if (!cluster.disabled) checkClusterConfig(cluster);
  } catch (error) {
    const detail = (error as Error).message.replace(/^Error in cluster configuration: /, '');
    return failure('wazuh-clusterd', `Error in cluster configuration: ${detail}`);
  }
  return { error: 0, message: 'ok' };
}
