/**
 * `/manager` operations. Each handler does what Wazuh's controller does before DAPI (content type, the
 * component/configuration pair: errors without `dapi_errors`), then the daemons pre-check and one framework call.
 */
import type { Handler, RequestContext } from '../src/api/context';
import { DapiError } from '../src/cluster/dapi';
import { getInstallationUid, type LogQuery } from '../src/core/manager';
import { type UploadConfigurationRules } from '../src/core/ossec-conf';
import { WazuhError, WazuhInternalError, WazuhNotAcceptable, WazuhResourceNotFound } from '../src/core/errors';
import type { OperationResult } from '../src/core/results';
import * as manager from '../src/framework/manager';
import { rbacScope, type RbacScope } from '../src/framework/rbac-filter';
import type { CompiledPermissions } from '../src/rbac/enforcer';
import { flag, list, listParams, text } from './params';

/**
 * A failure Wazuh's controller raises before the request enters DAPI: answered without `dapi_errors`.
 * (DAPI passes a `DapiError` through as it is; an empty report renders no `dapi_errors`.)
 */
export function beforeDapi(error: WazuhError): DapiError {
  return new DapiError(error, {});
}

type PermissionSource = { permissionsOf(auth: NonNullable<RequestContext['auth']>): CompiledPermissions };

export function scopeOf(ctx: RequestContext): RbacScope {
  const security = ctx.services.security as unknown as Partial<PermissionSource>;
  if (!ctx.auth || typeof security.permissionsOf !== 'function') throw new WazuhInternalError(1000);
  return rbacScope(security as PermissionSource, ctx.auth);
}

export function managerEnv(ctx: RequestContext): manager.ManagerEnv {
  return { paths: ctx.services.paths, ports: ctx.services.manager.ports, scope: scopeOf(ctx), signal: ctx.signal };
}

export const query = (ctx: RequestContext) => ctx.params.query;

/** Adapts a framework call, synchronous or not, to a Handler. */
function run(work: (ctx: RequestContext) => OperationResult | Promise<OperationResult>): Handler {
  return async (ctx) => work(ctx);
}

/** `GET /manager/logs` parameters as the log query takes them. */
export function logQuery(ctx: RequestContext): LogQuery {
  const q = query(ctx);
  return { ...listParams(q), level: text(q.level), tag: text(q.tag) };
}

/** `YYYY-MM-DD` as a UTC day, today when absent. */
export function statsDate(value: unknown): Date {
  const day = text(value);
  if (!day) return new Date();
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) throw new WazuhError(1412);
  return date;
}

/** The uploaded `ossec.conf`: `application/octet-stream` only (406, 6002), as UTF-8 text. */
export function uploadedConf(ctx: RequestContext): string {
  const type = String(ctx.params.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/octet-stream') throw beforeDapi(new WazuhNotAcceptable(6002));
  const body = ctx.params.body;
  if (Buffer.isBuffer(body)) {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(body);
    } catch {
      throw beforeDapi(new WazuhError(1911));
    }
  }
  if (typeof body !== 'string') throw beforeDapi(new WazuhError(1912));
  return body;
}

export function uploadRules(ctx: RequestContext): UploadConfigurationRules {
  return ctx.services.apiConfig.upload_configuration;
}

/** Wazuh answers a restart request with 202 Accepted (the dispatcher sends `result.httpStatus ?? 200`). */
export function accepted<T extends object>(result: T): T & { httpStatus: number } {
  return Object.assign(result, { httpStatus: 202 });
}

/** Rejects a bad `{component}/{configuration}` pair before DAPI (1128). */
export function checkPair(component: string, configuration: string): void {
  try {
    manager.checkComponentConfiguration(component, configuration);
  } catch (error) {
    throw error instanceof WazuhError ? beforeDapi(error) : error;
  }
}

export const handlers: Record<string, Handler> = {
  manager_get_status: run((ctx) => manager.getStatus(managerEnv(ctx))),
  get_info: run((ctx) => manager.getBasicInfo(managerEnv(ctx))),
  get_configuration: run((ctx) =>
    manager.readOssecConf(managerEnv(ctx), {
      section: text(query(ctx).section),
      field: text(query(ctx).field),
      raw: flag(query(ctx).raw),
      distinct: flag(query(ctx).distinct),
    }),
  ),
  manager_update_configuration: async (ctx) => {
    const content = uploadedConf(ctx);
    return manager.updateOssecConf(managerEnv(ctx), content, { rules: uploadRules(ctx) });
  },
  manager_get_daemon_stats: run((ctx) => manager.getDaemonsStats(managerEnv(ctx), list(query(ctx).daemons_list))),
  get_stats: run((ctx) => manager.totals(managerEnv(ctx), statsDate(query(ctx).date))),
  get_stats_hourly: run((ctx) => manager.hourly(managerEnv(ctx))),
  get_stats_weekly: run((ctx) => manager.weekly(managerEnv(ctx))),
  get_stats_analysisd: run((ctx) => manager.daemonStateStats(managerEnv(ctx), 'analysisd')),
  get_stats_remoted: run((ctx) => manager.daemonStateStats(managerEnv(ctx), 'remoted')),
  get_log: run((ctx) => manager.ossecLog(managerEnv(ctx), logQuery(ctx))),
  get_log_summary: run((ctx) => manager.ossecLogSummary(managerEnv(ctx))),
  manager_get_api_config: run((ctx) => manager.getApiConfig(managerEnv(ctx), ctx.services.apiConfig)),
  manager_put_reload_analysisd: run((ctx) => manager.reloadAnalysisd(managerEnv(ctx))),
  manager_put_restart: run(async (ctx) => accepted(await manager.restart(managerEnv(ctx)))),
  manager_get_conf_validation: run((ctx) => manager.validation(managerEnv(ctx))),
  get_manager_config_ondemand: async (ctx) => {
    const { component, configuration } = ctx.params.path;
    checkPair(component, configuration);
    return manager.getActiveConfig(managerEnv(ctx), component, configuration);
  },
  check_available_version: async (ctx) => {
    const paths = ctx.services.paths;
    if (!manager.nodeView(paths).isMaster) throw beforeDapi(new WazuhResourceNotFound(902));
    return manager.checkAvailableVersion(
      { paths },
      ctx.services.manager.updateCheck,
      getInstallationUid(paths),
      flag(query(ctx).force_query),
    );
  },
};
