/**
 * The checks `bin/verify-agent-conf -f <file>` makes on a shared configuration, done in-process: every top-level
 * element must be `<agent_config>`, every section inside one must be a configuration section the manager knows,
 * and the sections the agent reads remotely (syscheck, rootcheck, localfile, client, client_buffer, wodle, labels)
 * may only hold the options their readers accept. Problems are reported with the messages and codes of Wazuh's
 * configuration readers, each pass stopping at its first problem like the tool does.
 */
import type { XmlElement } from '../ossec-conf';

/** Every section `read_main_elements` recognises; those in NEEDS_CHILDREN are only recognised when not empty. */
const SECTIONS = new Set([
  'global', 'ruleset', 'syscheck', 'rootcheck', 'alerts', 'email_alerts', 'database_output', 'syslog_output',
  'agentless', 'localfile', 'remote', 'client', 'anti_tampering', 'client_buffer', 'command', 'integration',
  'active-response', 'wodle', 'labels', 'logging', 'cluster', 'socket', 'sca', 'vulnerability-detection',
  'vulnerability-detector', 'indexer', 'gcp-pubsub', 'gcp-bucket', 'rule_test', 'agent-upgrade', 'task-manager', 'wdb',
  'fluent-forward', 'auth', 'reports', 'github', 'office365', 'ms-graph',
]);

const NEEDS_CHILDREN = new Set([
  'global', 'ruleset', 'alerts', 'email_alerts', 'database_output', 'syslog_output', 'agentless', 'localfile', 'remote',
  'client', 'anti_tampering', 'command', 'integration', 'active-response', 'labels', 'cluster', 'socket', 'rule_test',
  'agent-upgrade', 'task-manager', 'wdb', 'github', 'office365', 'ms-graph', 'reports',
]);

/** Options each remotely read section accepts. */
const OPTIONS: Readonly<Record<string, ReadonlySet<string>>> = {
  syscheck: new Set([
    'directories', 'windows_registry', 'frequency', 'scan_day', 'scan_time', 'database', 'file_limit', 'registry_limit',
    'ignore', 'registry_ignore', 'registry_ignore_value', 'auto_ignore', 'alert_new_files', 'remove_old_diff', 'disabled',
    'scan_on_start', 'prefilter_cmd', 'skip_nfs', 'skip_dev', 'skip_sys', 'skip_proc', 'nodiff', 'registry_nodiff',
    'restart_audit', 'windows_audit_interval', 'max_files_per_second', 'process_priority', 'synchronization', 'whodata',
    'max_eps', 'allow_remote_prefilter_cmd', 'diff', 'queue_size', 'provider', 'startup_healthcheck', 'audit_key',
  ]),
  rootcheck: new Set([
    'rootkit_files', 'rootkit_trojans', 'windows_audit', 'system_audit', 'windows_apps', 'windows_malware', 'scanall',
    'readall', 'frequency', 'disabled', 'skip_nfs', 'base_directory', 'ignore', 'check_dev', 'check_files', 'check_if',
    'check_pids', 'check_ports', 'check_sys', 'check_trojans', 'check_unixaudit', 'check_winapps', 'check_winaudit',
    'check_winmalware',
  ]),
  localfile: new Set([
    'location', 'command', 'log_format', 'frequency', 'alias', 'only-future-events', 'max-size', 'query', 'type', 'level',
    'label', 'target', 'out_format', 'reconnect_time', 'age', 'exclude', 'ignore_binaries', 'ignore', 'restrict', 'filter',
  ]),
  client: new Set([
    'server', 'local_ip', 'disable-active-response', 'notify_time', 'time-reconnect', 'force_reconnect_interval',
    'ip_update_interval', 'config-profile', 'auto_restart', 'crypto_method', 'enrollment', 'server-ip',
    'server-hostname', 'port', 'protocol',
  ]),
  client_buffer: new Set(['disabled', 'queue_size', 'events_per_second', 'length', 'disable']),
  labels: new Set(['label']),
};

const WODLES = new Set([
  'osquery', 'open-scap', 'syscollector', 'command', 'cis-cat', 'aws-s3', 'aws-cloudtrail', 'docker-listener',
  'agent-key-polling', 'azure-logs', 'vulnerability-detector',
]);

/** The passes of the tool, in its order: the name it reports and the section it reads. */
const PASSES: ReadonlyArray<[label: string, section: string]> = [
  ['Syscheck', 'syscheck'],
  ['Rootcheck', 'rootcheck'],
  ['Localfile', 'localfile'],
  ['Client', 'client'],
  ['ClientBuffer', 'client_buffer'],
  ['WModule', 'wodle'],
  ['Labels', 'labels'],
];

const invalidElement = (name: string) => `Invalid element in the configuration: '${name}'.`;

/** First problem the reader of `section` would find in one `<agent_config>` block, if any. */
function sectionProblem(block: XmlElement, section: string): { coded: boolean; text: string } | undefined {
  for (const child of block.children) {
    const name = child.tag;
    if (!SECTIONS.has(name) || (NEEDS_CHILDREN.has(name) && child.children.length === 0)) {
      return { coded: true, text: invalidElement(name) };
    }
    if (name !== section) continue;
    if (name === 'wodle') {
      const module = child.attrs.name;
      if (module === undefined) return { coded: false, text: "No such attribute 'name' at module." };
      if (!WODLES.has(module)) return { coded: false, text: `Unknown module '${module}'` };
      continue;
    }
    const allowed = OPTIONS[name];
    for (const option of child.children) {
      if (!allowed.has(option.tag)) return { coded: true, text: invalidElement(option.tag) };
    }
  }
  return undefined;
}

/**
 * The messages the tool would print as `ERROR: (<code>): <text>` for `root` (the parsed file), in order; an empty
 * list means the configuration is valid. `file` is the path reported in the final "is corrupted" line.
 */
export function verifyAgentConf(root: XmlElement, file: string): string[] {
  for (const [label, section] of PASSES) {
    const messages: string[] = [];
    for (const block of root.children) {
      if (block.tag !== 'agent_config') {
        messages.push(invalidElement(block.tag));
        break;
      }
      const problem = sectionProblem(block, section);
      if (problem) {
        if (problem.coded) messages.push(problem.text);
        messages.push(`Configuration error at '${file}'.`);
        break;
      }
    }
    if (messages.length > 0) return [...messages, `${label} remote configuration in '${file}' is corrupted.`];
  }
  return [];
}
