/**
 * The component daemons whose request sockets the stand-ins serve, and when a stock manager runs them: the
 * always-on ones, and those `wazuh-control` only starts when their block is configured.
 */
import type { ManagerConf } from './conf';
import { sectionList, sectionObject } from './conf';
import type { PlainComponent } from './plain-service';
import {
  AGENTLESS_SECTIONS,
  CSYSLOG_SECTIONS,
  INTEGRATOR_SECTIONS,
  LOGCOLLECTOR_SECTIONS,
  MAIL_SECTIONS,
  MONITOR_SECTIONS,
  SYSCHECK_SECTIONS,
  WMODULES_SECTIONS,
} from './sections';

export interface CatalogueEntry extends PlainComponent {
  /** Whether a manager with this configuration runs the daemon. */
  runs(conf: ManagerConf): boolean;
  /** Whether this module writes the daemon's pid file; the host writes those of the always-on daemons. */
  ownsPidFile: boolean;
}

const always = () => true;

export const COMPONENT_DAEMONS: readonly CatalogueEntry[] = [
  { socket: 'logcollector', daemon: 'wazuh-logcollector', prefix: 'LCCOM', sections: LOGCOLLECTOR_SECTIONS, runs: always, ownsPidFile: false },
  { socket: 'syscheck', daemon: 'wazuh-syscheckd', prefix: 'SYSCOM', sections: SYSCHECK_SECTIONS, runs: always, ownsPidFile: false },
  { socket: 'wmodules', daemon: 'wazuh-modulesd', prefix: 'WMCOM', sections: WMODULES_SECTIONS, runs: always, ownsPidFile: false },
  { socket: 'monitor', daemon: 'wazuh-monitord', prefix: 'MONCOM', sections: MONITOR_SECTIONS, runs: always, ownsPidFile: false },
  {
    socket: 'mail',
    daemon: 'wazuh-maild',
    prefix: 'MAILCOM',
    sections: MAIL_SECTIONS,
    runs: (conf) => sectionObject(conf, 'global')?.email_notification === 'yes',
    ownsPidFile: true,
  },
  {
    socket: 'agentless',
    daemon: 'wazuh-agentlessd',
    prefix: 'LESSDCOM',
    sections: AGENTLESS_SECTIONS,
    runs: (conf) => sectionList(conf, 'agentless').length > 0,
    ownsPidFile: true,
  },
  {
    socket: 'csyslog',
    daemon: 'wazuh-csyslogd',
    prefix: 'CSYSCOM',
    sections: CSYSLOG_SECTIONS,
    runs: (conf) => sectionList(conf, 'syslog_output').length > 0,
    ownsPidFile: true,
  },
  {
    socket: 'integrator',
    daemon: 'wazuh-integratord',
    prefix: 'INTGCOM',
    sections: INTEGRATOR_SECTIONS,
    runs: (conf) => sectionList(conf, 'integration').length > 0,
    ownsPidFile: true,
  },
];
