/**
 * The composition root's shape: every long-lived service the API wires at start-up. Handlers and framework
 * functions receive it through the request context instead of importing singletons, so tests can build a real
 * server on a temporary WAZUH_PATH.
 */
import type { MonitoringDeps } from './core/syscheck';

export interface Services {
  /** Name of this node (`node01` by default, as Wazuh names a standalone manager). */
  nodeName: string;
  /** Daemon clients of the syscheck, rootcheck, active-response, events, tasks and MITRE operations. */
  monitoring: MonitoringDeps;
}
