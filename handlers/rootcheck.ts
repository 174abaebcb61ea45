/** Rootcheck operations. */
import type { Handler } from '../src/api/context';
import { clearRootcheckResults, getRootcheck, getRootcheckLastScan, runRootcheck } from '../src/framework/rootcheck';
import { callOf } from './monitoring';
import { list, listParams, text } from './params';

const put_rootcheck: Handler = async (ctx) => runRootcheck(callOf(ctx), list(ctx.params.query.agents_list));

const get_rootcheck_agent: Handler = async (ctx) => {
  const query = ctx.params.query;
  return getRootcheck(callOf(ctx), ctx.params.path.agent_id, {
    ...listParams(query),
    status: text(query.status),
    pci_dss: text(query.pci_dss),
    cis: text(query.cis),
  });
};

const delete_rootcheck: Handler = async (ctx) => clearRootcheckResults(callOf(ctx), ctx.params.path.agent_id);

const rootcheck_get_last_scan_agent: Handler = async (ctx) => getRootcheckLastScan(callOf(ctx), ctx.params.path.agent_id);

export const handlers: Record<string, Handler> = {
  put_rootcheck,
  get_rootcheck_agent,
  delete_rootcheck,
  rootcheck_get_last_scan_agent,
};
