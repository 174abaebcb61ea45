/**
 * What each manager daemon answers to `getconfig <section>`, built from `ossec.conf` with the defaults a stock
 * manager runs with. The outer shape (`{"<section>": ...}`, lists for repeatable blocks, numbers for numeric
 * options, `internal` grouped by daemon) follows the real daemons; the inner detail is the stand-ins' own.
 * `undefined` means "not configured": the daemon then answers its "could not get section" error.
 */
import type { ConfObject } from '../../core/ossec-conf';
import { clusterSettings } from '../../core/ossec-conf';
import {
  asNumber,
  elementValue,
  loggingFormats,
  sectionElements,
  sectionList,
  sectionObject,
  type ManagerConf,
} from './conf';

/** A section's answer, `{"<section>": ...}`. */
export type SectionData = Record<string, unknown>;
export type SectionBuilder = (conf: ManagerConf) => SectionData | undefined;

/** Internal options of `etc/internal_options.conf` a stock manager ships with (the subset shown). */
const INTERNAL_OPTIONS: Record<string, Record<string, number>> = {
  analysisd: {
    debug: 0,
    default_timeframe: 360,
    stats_maxdiff: 999000,
    stats_mindiff: 1250,
    stats_percent_diff: 150,
    fts_list_size: 32,
    fts_min_size_for_str: 14,
    log_fw: 1,
    decoder_order_size: 256,
    label_cache_maxage: 10,
    show_hidden_labels: 0,
    rlimit_nofile: 458752,
    min_rotate_interval: 600,
    event_threads: 0,
    state_interval: 5,
  },
  remoted: {
    debug: 0,
    recv_counter_flush: 128,
    comp_average_printout: 19999,
    verify_msg_id: 0,
    pass_empty_keyfile: 1,
    sender_pool: 8,
    request_pool: 1024,
    request_timeout: 10,
    response_timeout: 60,
    request_rto_sec: 1,
    request_rto_msec: 0,
    max_attempts: 4,
    shared_reload: 10,
    rlimit_nofile: 458752,
    recv_timeout: 1,
    merge_shared: 1,
    keyupdate_interval: 10,
    worker_pool: 4,
    state_interval: 5,
  },
  logcollector: {
    debug: 0,
    loop_timeout: 2,
    open_attempts: 0,
    remote_commands: 0,
    vcheck_files: 64,
    max_lines: 10000,
    max_files: 1000,
    sock_fail_time: 300,
    input_threads: 4,
    queue_size: 1024,
    sample_log_length: 64,
    rlimit_nofile: 1100,
    force_reload: 0,
    reload_interval: 64,
    reload_delay: 1000,
    exclude_files_interval: 86400,
    state_interval: 60,
  },
  syscheck: { debug: 0, rt_delay: 5, max_fd_win_rt: 256, max_audit_entries: 256, default_max_depth: 256, symlink_scan_interval: 600, file_max_size: 1024 },
  rootcheck: { sleep: 50 },
  monitord: { debug: 0, day_wait: 10, compress: 1, sign: 1, monitor_agents: 1, rotate_log: 1, keep_log_days: 31, size_rotate: 512, daily_rotations: 12, delete_old_agents: 0 },
  execd: { debug: 0, request_timeout: 60, max_restart_lock: 600 },
  maild: { strict_checking: 1, grouping: 1, full_subject: 0, geoip: 1 },
};

const internal = (...daemons: string[]): SectionBuilder => () => ({
  internal: Object.fromEntries(daemons.map((daemon) => [daemon, { ...INTERNAL_OPTIONS[daemon] }])),
});

function numbers(object: ConfObject | undefined, fields: readonly string[]): SectionData {
  const out: SectionData = { ...(object ?? {}) };
  for (const field of fields) if (field in out) out[field] = asNumber(out[field]);
  return out;
}

const yesNo = (value: unknown, fallback: 'yes' | 'no'): string => (value === 'yes' || value === 'no' ? value : fallback);

// ---- wazuh-analysisd (`queue/sockets/analysis`, JSON protocol) ----

const analysisGlobal: SectionBuilder = (conf) => {
  const global = sectionObject(conf, 'global') ?? {};
  return {
    global: {
      email_notification: yesNo(global.email_notification, 'no'),
      logall: yesNo(global.logall, 'no'),
      logall_json: yesNo(global.logall_json, 'no'),
      integrity_checking: 8,
      rootkit_detection: 8,
      host_information: 8,
      prelude_output: 'no',
      zeromq_output: 'no',
      jsonout_output: yesNo(global.jsonout_output, 'yes'),
      alerts_log: yesNo(global.alerts_log, 'yes'),
      stats: 8,
      memory_size: 8192,
      white_list: Array.isArray(global.white_list) ? global.white_list : [],
      rotate_interval: 0,
      max_output_size: 0,
    },
  };
};

const activeResponses: SectionBuilder = (conf) => {
  const blocks = sectionList(conf, 'active-response').filter((block) => block.disabled !== 'yes' && block.command);
  if (blocks.length === 0) return undefined;
  const commands = new Map(sectionList(conf, 'command').map((command) => [String(command.name), command]));
  return {
    active_response: blocks.map((block, index) => {
      const command = commands.get(String(block.command));
      return {
        name: `${String(block.command)}${index}`,
        command: String(command?.executable ?? block.command),
        location: String(block.location ?? 'local'),
        agent_id: String(block.agent_id ?? ''),
        rules_id: String(block.rules_id ?? ''),
        rules_group: String(block.rules_group ?? ''),
        level: asNumber(block.level, 0),
        timeout: asNumber(block.timeout, 0),
        timeout_allowed: command?.timeout_allowed === 'yes' ? 1 : 0,
      };
    }),
  };
};

const analysisAlerts: SectionBuilder = (conf) => ({
  alerts: numbers({ email_alert_level: '12', log_alert_level: '3', ...(sectionObject(conf, 'alerts') ?? {}) }, [
    'email_alert_level',
    'log_alert_level',
  ]),
});

const analysisCommands: SectionBuilder = (conf) => {
  const commands = sectionList(conf, 'command');
  if (commands.length === 0) return undefined;
  return {
    command: commands.map((command) => ({
      name: String(command.name ?? ''),
      executable: String(command.executable ?? ''),
      timeout_allowed: command.timeout_allowed === 'yes' ? 1 : 0,
    })),
  };
};

const rulesetPart = (keys: readonly string[], name: string): SectionBuilder => (conf) => {
  const ruleset = sectionObject(conf, 'ruleset');
  if (!ruleset) return undefined;
  return { [name]: Object.fromEntries(keys.filter((key) => key in ruleset).map((key) => [key, ruleset[key]])) };
};

const ruleTest: SectionBuilder = (conf) => {
  const element = sectionElements(conf, 'rule_test').at(-1);
  const given = element ? (elementValue(element) as ConfObject) : {};
  return {
    rule_test: {
      enabled: yesNo(given.enabled, 'yes'),
      threads: asNumber(given.threads, 1),
      max_sessions: asNumber(given.max_sessions, 64),
      session_timeout: asNumber(given.session_timeout, 900),
    },
  };
};

const labels: SectionBuilder = (conf) => {
  const blocks = sectionList(conf, 'labels');
  const items = blocks.flatMap((block) => (Array.isArray(block.label) ? block.label : block.label ? [block.label] : []));
  return { labels: items };
};

export const ANALYSISD_SECTIONS: Record<string, SectionBuilder> = {
  global: analysisGlobal,
  active_response: activeResponses,
  alerts: analysisAlerts,
  command: analysisCommands,
  rules: rulesetPart(['rule_dir', 'rule_include', 'rule_exclude', 'include', 'rule', 'list'], 'rules'),
  decoders: rulesetPart(['decoder_dir', 'decoder_exclude', 'decoder'], 'decoders'),
  internal: internal('analysisd'),
  rule_test: ruleTest,
  labels,
};

// ---- wazuh-remoted (`queue/sockets/remote`, JSON protocol) ----

const remoteBlocks: SectionBuilder = (conf) => {
  const blocks = sectionList(conf, 'remote');
  if (blocks.length === 0) return undefined;
  return {
    remote: blocks.map((block) => {
      const protocol = Array.isArray(block.protocol) ? block.protocol : String(block.protocol ?? 'tcp').split(',');
      return {
        ...block,
        connection: String(block.connection ?? 'secure'),
        ipv6: yesNo(block.ipv6, 'no'),
        protocol: protocol.map((item) => String(item).trim().toUpperCase()),
        port: String(block.port ?? '1514'),
        queue_size: String(block.queue_size ?? '131072'),
      };
    }),
  };
};

function secondsOf(value: unknown, fallback: number): number {
  const match = typeof value === 'string' ? /^(\d+)([smhdw]?)$/.exec(value.trim()) : null;
  if (!match) return fallback;
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86400, w: 604800 }[match[2]] ?? 1;
  return Number(match[1]) * unit;
}

const remoteGlobal: SectionBuilder = (conf) => {
  const global = sectionObject(conf, 'global') ?? {};
  return {
    global: {
      agents_disconnection_time: secondsOf(global.agents_disconnection_time, 600),
      agents_disconnection_alert_time: secondsOf(global.agents_disconnection_alert_time, 0),
    },
  };
};

export const REMOTED_SECTIONS: Record<string, SectionBuilder> = {
  remote: remoteBlocks,
  global: remoteGlobal,
  internal: internal('remoted'),
};

// ---- wazuh-execd (`queue/sockets/com`, plain protocol) ----

export const EXECD_SECTIONS: Record<string, SectionBuilder> = {
  'active-response': (conf) => {
    const blocks = sectionList(conf, 'active-response');
    const disabled = blocks.length > 0 && blocks.every((block) => block.disabled === 'yes');
    const caStores = blocks.flatMap((block) => (block.ca_store === undefined ? [] : [block.ca_store].flat()));
    return {
      'active-response': {
        disabled: disabled ? 'yes' : 'no',
        ca_store: (caStores.length > 0 ? caStores : ['etc/wpk_root.pem']),
        ca_verification: 'yes',
      },
    };
  },
  logging: (conf) => ({ logging: loggingFormats(conf) }),
  internal: internal('execd'),
  // The cluster section is only given while the cluster daemon runs; the execd service checks that first.
  cluster: (conf) => {
    const cluster = clusterSettings(sectionObject(conf, 'cluster'));
    return { cluster: { ...cluster.settings, disabled: cluster.disabled ? 'yes' : 'no' } };
  },
};

// ---- component daemons (plain protocol) ----

const localfiles: SectionBuilder = (conf) => {
  const blocks = sectionList(conf, 'localfile');
  if (blocks.length === 0) return undefined;
  return {
    localfile: blocks.map((block) => {
      const { log_format: logFormat, ...rest } = block;
      return {
        logformat: String(logFormat ?? 'syslog'),
        ...rest,
        ...(rest.frequency !== undefined ? { frequency: asNumber(rest.frequency) } : {}),
        target: ['agent'],
        ignore_binaries: yesNo(rest.ignore_binaries, 'no'),
        'only-future-events': yesNo(rest['only-future-events'], 'yes'),
      };
    }),
  };
};

const sockets: SectionBuilder = (conf) => {
  const blocks = sectionElements(conf, 'socket');
  if (blocks.length === 0) return undefined;
  return { socket: blocks.map((element) => elementValue(element)) };
};

export const LOGCOLLECTOR_SECTIONS: Record<string, SectionBuilder> = {
  localfile: localfiles,
  socket: sockets,
  internal: internal('logcollector'),
};

export const SYSCHECK_SECTIONS: Record<string, SectionBuilder> = {
  syscheck: (conf) => {
    const syscheck = sectionObject(conf, 'syscheck');
    return syscheck ? { syscheck: numbers(syscheck, ['frequency', 'process_priority', 'max_eps']) } : undefined;
  },
  rootcheck: (conf) => {
    const rootcheck = sectionObject(conf, 'rootcheck');
    return rootcheck ? { rootcheck: numbers(rootcheck, ['frequency']) } : undefined;
  },
  internal: internal('syscheck', 'rootcheck'),
};

/** Module blocks of `ossec.conf` modulesd runs; each becomes `{"<module>": {...}}` in the `wmodules` list. */
const MODULE_SECTIONS = ['syscollector', 'sca', 'vulnerability-detection', 'osquery', 'open-scap', 'cis-cat', 'indexer'];

export const WMODULES_SECTIONS: Record<string, SectionBuilder> = {
  wmodules: (conf) => {
    const modules: ConfObject[] = [];
    for (const name of MODULE_SECTIONS) {
      const section = sectionObject(conf, name);
      if (section) modules.push({ [name]: section });
    }
    for (const element of sectionElements(conf, 'wodle')) {
      const { name, ...options } = elementValue(element) as ConfObject;
      if (typeof name === 'string') modules.push({ [name]: options });
    }
    modules.push({ 'task-manager': { enabled: 'yes' } }, { 'agent-upgrade': { enabled: 'yes' } });
    return { wmodules: modules };
  },
};

export const MONITOR_SECTIONS: Record<string, SectionBuilder> = {
  global: (conf) => remoteGlobal(conf),
  internal: internal('monitord'),
  reports: (conf) => {
    const reports = sectionElements(conf, 'reports').map((element) => elementValue(element));
    return reports.length > 0 ? { reports } : undefined;
  },
};

export const MAIL_SECTIONS: Record<string, SectionBuilder> = {
  global: (conf) => {
    const global = sectionObject(conf, 'global') ?? {};
    return {
      global: {
        email_notification: yesNo(global.email_notification, 'no'),
        email_to: [global.email_to ?? []].flat(),
        email_from: String(global.email_from ?? ''),
        smtp_server: String(global.smtp_server ?? ''),
        email_maxperhour: asNumber(global.email_maxperhour, 12),
        email_log_source: String(global.email_log_source ?? 'alerts.log'),
      },
    };
  },
  alerts: (conf) => analysisAlerts(conf),
  internal: internal('maild'),
};

export const AGENTLESS_SECTIONS: Record<string, SectionBuilder> = {
  agentless: (conf) => {
    const blocks = sectionList(conf, 'agentless');
    return blocks.length > 0 ? { agentless: blocks } : undefined;
  },
};

export const CSYSLOG_SECTIONS: Record<string, SectionBuilder> = {
  csyslog: (conf) => {
    const blocks = sectionList(conf, 'syslog_output');
    return blocks.length > 0 ? { csyslog: blocks } : undefined;
  },
};

export const INTEGRATOR_SECTIONS: Record<string, SectionBuilder> = {
  integration: (conf) => {
    const blocks = sectionList(conf, 'integration');
    return blocks.length > 0 ? { integration: blocks } : undefined;
  },
};
