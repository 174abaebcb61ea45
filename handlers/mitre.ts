/** `GET /mitre/*`: one handler per ATT&CK resource, all reading the same way. */
import type { Handler } from '../src/api/context';
import type { MitreResource } from '../src/core/mitre';
import { getMitre } from '../src/framework/mitre';
import { callOf } from './monitoring';
import { list, listParams } from './params';

/** A list handler for `resource`, whose ids come in the query parameter `idsParam`. */
function mitreList(resource: MitreResource, idsParam: string): Handler {
  return async (ctx) => getMitre(callOf(ctx), resource, { ...listParams(ctx.params.query), ids: list(ctx.params.query[idsParam]) });
}

const get_metadata: Handler = async (ctx) => getMitre(callOf(ctx), 'metadata');

export const handlers: Record<string, Handler> = {
  get_metadata,
  get_tactics: mitreList('tactics', 'tactic_ids'),
  get_techniques: mitreList('techniques', 'technique_ids'),
  get_groups: mitreList('groups', 'group_ids'),
  get_software: mitreList('software', 'software_ids'),
  get_mitigations: mitreList('mitigations', 'mitigation_ids'),
  get_references: mitreList('references', 'reference_ids'),
};
