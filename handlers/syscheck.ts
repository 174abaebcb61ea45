/** Syscheck operations, and the request plumbing the monitoring handlers share. */
import type { Handler, RequestContext } from '../src/api/context';
import type { FimFilterName, FimQuery } from '../src/core/syscheck';
import {
  clearSyscheck,
  getSyscheckFiles,
  getSyscheckLastScan,
  monitoringCall,
  runSyscheck,
  type MonitoringCall,
  type PermissionSource,
} from '../src/framework/syscheck';

/** The caller's permissions and the daemon clients, for one request. */
export function callOf(ctx: RequestContext): MonitoringCall {
  if (!ctx.auth) throw new Error(`${ctx.route.operationId} needs an authenticated caller`);
  // The security gate of the composition root is the RBAC service, which also compiles a token's permissions.
  const security = (ctx.services as unknown as { security?: Partial<PermissionSource> }).security;
  if (typeof security?.permissionsOf !== 'function') throw new Error('the security service cannot resolve permissions');
  return monitoringCall(security as PermissionSource, ctx.auth, ctx.services.monitoring, ctx.signal);
}

export const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
export const int = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);
export const list = (value: unknown): string[] | undefined =>
  Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(',') : undefined;

/** The list parameters every paginated endpoint takes. */
export function listParams(query: Record<string, unknown>) {
  return {
    offset: int(query.offset),
    limit: int(query.limit),
    sort: text(query.sort),
    search: text(query.search),
    select: list(query.select),
    q: text(query.q),
    distinct: query.distinct === true,
  };
}

const FIM_FILTERS: FimFilterName[] = ['type', 'md5', 'sha1', 'sha256', 'hash', 'file', 'arch', 'value.name', 'value.type'];

const put_syscheck: Handler = async (ctx) => runSyscheck(callOf(ctx), list(ctx.params.query.agents_list));

const get_syscheck_agent: Handler = async (ctx) => {
  const query = ctx.params.query;
  const filters: FimQuery['filters'] = {};
  for (const name of FIM_FILTERS) {
    const value = text(query[name]);
    if (value !== undefined) filters[name] = value;
  }
  return getSyscheckFiles(callOf(ctx), ctx.params.path.agent_id, {
    ...listParams(query),
    summary: query.summary === true,
    filters,
  });
};

const delete_syscheck_agent: Handler = async (ctx) => clearSyscheck(callOf(ctx), ctx.params.path.agent_id);

const syscheck_get_last_scan_agent: Handler = async (ctx) => getSyscheckLastScan(callOf(ctx), ctx.params.path.agent_id);

export const handlers: Record<string, Handler> = {
  put_syscheck,
  get_syscheck_agent,
  delete_syscheck_agent,
  syscheck_get_last_scan_agent,
};
