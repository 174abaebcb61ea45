/** Handlers of the `Groups` tag: typed parameters in, one framework call out. */
import type { Handler, RequestContext } from '../src/api/context';
import type { operations } from '../generated/api';
import { WazuhError } from '../src/core/errors';
import * as agents from '../src/framework/agents';
import * as groups from '../src/framework/groups';
import { agentFilters, frameworkCall } from './agents';
import { list, listParams } from './params';

type Query<Op extends keyof operations> = NonNullable<operations[Op]['parameters']['query']>;

const get_list_group: Handler = async (ctx) => {
  const query = ctx.params.query as Query<'get_list_group'>;
  return groups.getGroups(frameworkCall(ctx), {
    groupsList: list(query.groups_list),
    params: { limit: null, ...listParams(ctx.params.query) },
    hash: query.hash,
  });
};

const post_group: Handler = async (ctx) => {
  const body = ctx.params.body as { group_id?: unknown } | undefined;
  if (!body || typeof body !== 'object' || typeof body.group_id !== 'string') throw new WazuhError(1018);
  return groups.createGroup(frameworkCall(ctx), body.group_id);
};

const delete_groups: Handler = async (ctx) => {
  const query = ctx.params.query as Query<'delete_groups'>;
  return groups.deleteGroups(frameworkCall(ctx), agents.listOrAll(list(query.groups_list)));
};

const get_agents_in_group: Handler = async (ctx) =>
  agents.getAgentsInGroup(frameworkCall(ctx), ctx.params.path.group_id, {
    params: listParams(ctx.params.query),
    filters: agentFilters(ctx.params.query, ['status']),
  });

const get_group_config: Handler = async (ctx) => {
  const query = ctx.params.query as Query<'get_group_config'>;
  return groups.getGroupConfiguration(frameworkCall(ctx), ctx.params.path.group_id, query.offset, query.limit);
};

/** The uploaded XML as text, whatever form the body parser left it in. */
function xmlBody(ctx: RequestContext): string {
  const value = ctx.params.body;
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) {
    const text = value.toString('utf8');
    if (Buffer.from(text, 'utf8').equals(value)) return text;
    throw new WazuhError(1911);
  }
  if (value === undefined || value === null) return '';
  throw new WazuhError(1912);
}

const put_group_config: Handler = async (ctx) =>
  groups.putGroupConfiguration(frameworkCall(ctx), ctx.params.path.group_id, xmlBody(ctx));

const get_group_files: Handler = async (ctx) => {
  const query = ctx.params.query as Query<'get_group_files'>;
  return groups.getGroupFiles(
    frameworkCall(ctx),
    ctx.params.path.group_id,
    { limit: null, ...listParams(ctx.params.query) },
    query.hash,
  );
};

const get_group_file: Handler = async (ctx) => {
  const query = ctx.params.query as Query<'get_group_file'>;
  return groups.getGroupFile(frameworkCall(ctx), ctx.params.path.group_id, ctx.params.path.file_name, {
    type: list(query.type)?.[0],
    raw: query.raw === true,
  });
};

export const handlers: Record<string, Handler> = {
  get_list_group,
  post_group,
  delete_groups,
  get_agents_in_group,
  get_group_config,
  put_group_config,
  get_group_files,
  get_group_file,
};
