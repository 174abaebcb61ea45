/**
 * The composition root's shape: every long-lived service the API wires at start-up. Handlers and framework
 * functions receive it through the request context instead of importing singletons, so tests can build a real
 * server on a temporary WAZUH_PATH. `src/app.ts` builds it.
 */
import type { AgentDeps } from './core/agents';
import type { MonitoringDeps } from './core/monitoring';
import type { ManagerRuntime } from './framework/manager-runtime';
import type { SecurityGate } from './api/context';
import type { ApiInfo } from './api/spec';
import type { Dapi } from './cluster/dapi';
import type { ApiConfig } from './core/config';
import type { ApiLogger } from './core/logging';
import type { WazuhPaths } from './core/paths';

export interface Services {
  /** Name of this node (`node01` by default, as Wazuh names a standalone manager). */
  nodeName: string;
  /** Daemon clients of the agent, group and overview operations (wazuh-db, authd, remoted, analysisd...). */
  agents: AgentDeps;
  /** Daemon clients of the syscheck, rootcheck, active-response, events, tasks and MITRE operations. */
  monitoring: MonitoringDeps;
  /** Daemon ports of the manager and cluster operations, and the update-check service. */
  manager: ManagerRuntime;
  /** The install layout under WAZUH_PATH. */
  paths: WazuhPaths;
  /** `api.yaml` merged over the defaults, with Wazuh's key names (what `GET /manager/api/config` reports). */
  apiConfig: ApiConfig;
  logger: ApiLogger;
  /** Bearer-token authentication and route-level RBAC (implemented in `src/rbac`). */
  security: SecurityGate;
  /** Where and under which deadline requests run. */
  dapi: Dapi;
  /** Title, version, revision and license from the spec (`GET /`). */
  apiInfo: ApiInfo;
}
