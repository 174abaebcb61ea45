/**
 * What a connected agent would answer when remoted forwards it a request: its configuration (`<component>
 * getconfig <section>`) and component state (`getstate`). There are no agents behind the stand-in, so answers are
 * built from a stock Linux agent configuration pointing at this manager.
 */
import { hostname } from 'node:os';
import { loadWazuhXml, ossecConfToJson } from '../../core/ossec-conf';
import type { KnownAgent } from '../components/agents';
import type { ManagerConf } from '../components/conf';
import { sectionList } from '../components/conf';
import { EXECD_SECTIONS, LOGCOLLECTOR_SECTIONS, SYSCHECK_SECTIONS, WMODULES_SECTIONS, type SectionBuilder, type SectionData } from '../components/sections';

const AGENT_CONF = `
<ossec_config>
  <client_buffer>
    <disabled>no</disabled>
    <queue_size>5000</queue_size>
    <events_per_second>500</events_per_second>
  </client_buffer>
  <rootcheck>
    <disabled>no</disabled>
    <check_files>yes</check_files>
    <check_trojans>yes</check_trojans>
    <check_dev>yes</check_dev>
    <check_sys>yes</check_sys>
    <check_pids>yes</check_pids>
    <check_ports>yes</check_ports>
    <check_if>yes</check_if>
    <frequency>43200</frequency>
    <rootkit_files>etc/shared/rootkit_files.txt</rootkit_files>
    <rootkit_trojans>etc/shared/rootkit_trojans.txt</rootkit_trojans>
    <skip_nfs>yes</skip_nfs>
  </rootcheck>
  <syscollector>
    <disabled>no</disabled>
    <interval>1h</interval>
    <scan_on_start>yes</scan_on_start>
  </syscollector>
  <sca>
    <enabled>yes</enabled>
    <scan_on_start>yes</scan_on_start>
    <interval>12h</interval>
  </sca>
  <syscheck>
    <disabled>no</disabled>
    <frequency>43200</frequency>
    <scan_on_start>yes</scan_on_start>
    <directories>/etc,/usr/bin,/usr/sbin</directories>
    <directories>/bin,/sbin,/boot</directories>
    <ignore>/etc/mtab</ignore>
    <skip_nfs>yes</skip_nfs>
    <process_priority>10</process_priority>
    <max_eps>50</max_eps>
  </syscheck>
  <active-response>
    <disabled>no</disabled>
    <ca_store>etc/wpk_root.pem</ca_store>
    <ca_verification>yes</ca_verification>
  </active-response>
  <localfile>
    <log_format>journald</log_format>
    <location>journald</location>
  </localfile>
  <localfile>
    <log_format>syslog</log_format>
    <location>/var/ossec/logs/active-responses.log</location>
  </localfile>
  <localfile>
    <log_format>command</log_format>
    <command>df -P</command>
    <frequency>360</frequency>
  </localfile>
  <logging>
    <log_format>plain</log_format>
  </logging>
</ossec_config>
`;

let parsed: ManagerConf | undefined;

/** The agent's configuration as the section builders read it. */
export function agentConf(): ManagerConf {
  if (!parsed) {
    const root = loadWazuhXml(AGENT_CONF);
    parsed = { json: ossecConfToJson(root), blocks: root.children.filter((child) => child.tag === 'ossec_config') };
  }
  return parsed;
}

/** `2024-05-01 10:00:00`, the local time format of agent state replies. */
export function stateTime(date = new Date()): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(
    date.getMinutes(),
  )}:${pad(date.getSeconds())}`;
}

function agentSections(agent: KnownAgent): Record<string, SectionBuilder> {
  return {
    client: () => ({
      client: {
        'config-profile': 'generic',
        notify_time: 10,
        'time-reconnect': 60,
        force_reconnect_interval: 0,
        ip_update_interval: 0,
        auto_restart: 'yes',
        crypto_method: 'aes',
        remote_conf: 'yes',
        server: [{ address: hostname(), port: 1514, max_retries: 5, retry_interval: 10, protocol: 'tcp' }],
      },
    }),
    buffer: () => ({ buffer: { disabled: 'no', queue_size: 5000, events_per_second: 500 } }),
    labels: () => ({ labels: [] }),
    internal: () => ({
      internal: {
        agent: { debug: 0, warn_level: 90, normal_level: 70, tolerance: 15, recv_timeout: 60, state_interval: 5, min_eps: 50 },
        monitord: { rotate_log: 1, keep_log_days: 31, size_rotate: 512, daily_rotations: 12 },
        remoted: { comp_average_printout: 19999, verify_msg_id: 0 },
      },
    }),
    anti_tampering: () => ({ anti_tampering: { package_uninstallation: agent.id % 2 === 0 ? 'yes' : 'no' } }),
  };
}

const agentModules: SectionBuilder = (conf) => {
  const data = WMODULES_SECTIONS.wmodules(conf) as { wmodules: SectionData[] };
  return { wmodules: data.wmodules.filter((module) => !('task-manager' in module)) };
};

/** The sections an agent component answers; `undefined` for a component the agent does not have. */
function componentSections(agent: KnownAgent, component: string): Record<string, SectionBuilder> | undefined {
  switch (component) {
    case 'agent':
      return agentSections(agent);
    case 'logcollector':
      return LOGCOLLECTOR_SECTIONS;
    case 'syscheck':
      return SYSCHECK_SECTIONS;
    case 'wmodules':
      return { wmodules: agentModules };
    case 'com': {
      const { cluster: _cluster, ...sections } = EXECD_SECTIONS;
      return sections;
    }
    default:
      return undefined;
  }
}

/** The agent's answer to `getconfig <section>` for `component` (`ok <json>` / `err ...`). */
export function agentGetconfig(agent: KnownAgent, component: string, section: string | undefined): string {
  const sections = componentSections(agent, component);
  if (section === undefined || section === '') return 'err getconfig needs arguments';
  const builder = sections && Object.prototype.hasOwnProperty.call(sections, section) ? sections[section] : undefined;
  const data = builder?.(agentConf());
  return data ? `ok ${JSON.stringify(data)}` : 'err Could not get requested section';
}

/** The agent's answer to `getstate` for `component`: JSON with `error`, `data` and paging flags. */
export function agentGetstate(agent: KnownAgent, component: string, now = new Date()): string {
  const since = new Date(now.getTime() - 60_000);
  if (component === 'logcollector') {
    const files = sectionList(agentConf(), 'localfile')
      .filter((block) => typeof block.location === 'string')
      .map((block) => ({ location: block.location, events: 0, bytes: 0, targets: [{ name: 'agent', drops: 0 }] }));
    const period = (start: Date) => ({ start: stateTime(start), end: stateTime(now), files });
    return JSON.stringify({
      error: 0,
      data: { global: period(new Date((agent.lastKeepAlive ?? now.getTime() / 1000) * 1000 - 3_600_000)), interval: period(since) },
      remaining: false,
      json_updated: false,
    });
  }
  if (component === 'agent') {
    const keepAlive = agent.lastKeepAlive ? new Date(agent.lastKeepAlive * 1000) : now;
    return JSON.stringify({
      error: 0,
      data: {
        status: 'connected',
        last_keepalive: stateTime(keepAlive),
        last_ack: stateTime(keepAlive),
        msg_count: 0,
        msg_sent: 0,
        msg_buffer: 0,
        buffered_msg: 0,
        buffer_enabled: true,
      },
    });
  }
  return JSON.stringify({ error: 1, message: 'Unrecognized command' });
}
