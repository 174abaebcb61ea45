/**
 * The composition root's shape: every long-lived service the API wires at start-up. Handlers and framework
 * functions receive it through the request context instead of importing singletons, so tests can build a real
 * server on a temporary WAZUH_PATH.
 */
import type { SecurityService } from './rbac';

export interface Services {
  /** Name of this node (`node01` by default, as Wazuh names a standalone manager). */
  nodeName: string;
  /** Users, roles, policies, tokens and RBAC decisions (`createSecurity` from `src/rbac`). */
  security: SecurityService;
}
