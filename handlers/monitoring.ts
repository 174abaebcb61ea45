/** The request plumbing the monitoring handlers (syscheck, rootcheck, active response, events, tasks, MITRE) share. */
import type { RequestContext } from '../src/api/context';
import { monitoringCall, type MonitoringCall } from '../src/framework/monitoring';
import type { PermissionSource } from '../src/framework/rbac-filter';

/** The caller's permissions and the daemon clients, for one request. */
export function callOf(ctx: RequestContext): MonitoringCall {
  if (!ctx.auth) throw new Error(`${ctx.route.operationId} needs an authenticated caller`);
  // The security gate of the composition root is the RBAC service, which also compiles a token's permissions.
  const security = (ctx.services as unknown as { security?: Partial<PermissionSource> }).security;
  if (typeof security?.permissionsOf !== 'function') throw new Error('the security service cannot resolve permissions');
  return monitoringCall(security as PermissionSource, ctx.auth, ctx.services.monitoring, ctx.signal);
}
