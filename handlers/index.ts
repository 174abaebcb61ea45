/**
 * The static handler registry: one module per tag of the spec (`RouteDef.handlerModule`), each exporting
 * `handlers` keyed by operationId. To add a module, add its import line and its entry below.
 * An operation without a handler answers 501.
 */
import type { Handler, HandlerModule } from '../src/api/context';
import type { RouteDef } from '../generated/routes';
import * as defaultModule from './default';
import * as securityModule from './security';
import * as syscheckModule from './syscheck';
import * as rootcheckModule from './rootcheck';
import * as activeResponseModule from './active-response';
import * as eventsModule from './events';
import * as tasksModule from './tasks';
import * as mitreModule from './mitre';
import * as agentsModule from './agents';
import * as groupsModule from './groups';
import * as overviewModule from './overview';
import * as managerModule from './manager';
import * as clusterModule from './cluster';

const modules: Record<string, HandlerModule> = {
  default: defaultModule,
  security: securityModule,
  syscheck: syscheckModule,
  rootcheck: rootcheckModule,
  'active-response': activeResponseModule,
  events: eventsModule,
  tasks: tasksModule,
  mitre: mitreModule,
  agents: agentsModule,
  groups: groupsModule,
  overview: overviewModule,
  manager: managerModule,
  cluster: clusterModule,
};

export function findHandler(route: Pick<RouteDef, 'handlerModule' | 'operationId'>): Handler | undefined {
  const module = modules[route.handlerModule];
  return module && Object.prototype.hasOwnProperty.call(module.handlers, route.operationId)
    ? module.handlers[route.operationId]
    : undefined;
}
