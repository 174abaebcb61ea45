/** Syscheck operations. */
import type { Handler } from '../src/api/context';
import type { FimFilterName, FimQuery } from '../src/core/syscheck';
import { clearSyscheck, getSyscheckFiles, getSyscheckLastScan, runSyscheck } from '../src/framework/syscheck';
import { callOf } from './monitoring';
import { list, listParams, text } from './params';

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
