/**
 * `GET /overview/agents`: the dashboard's summary in one answer — agents per node, groups, OS and version
 * combinations, status counts and the last registered agent. Each part is computed with the caller's own
 * permissions (`agent:read`, `group:read`), so a caller sees the overview of what it may read; all counting and
 * grouping is done by SQL.
 */
import * as core from '../core/agents';
import { WazuhResult } from '../core/results';
import { getDistinctAgents, targetsOf, type FrameworkCall } from './agents';
import { getGroups } from './groups';

export async function getOverview(fc: FrameworkCall): Promise<WazuhResult> {
  const notManager = 'id!=000';
  const distinct = (fields: string[]) =>
    getDistinctAgents(fc, fields, { q: notManager, limit: null }).then((result) => result.affectedItems);
  const { scope } = await targetsOf(fc.rbac, 'agent:read', 'agent:id', undefined);
  const [nodes, groups, agentOs, agentVersion, status, last] = await Promise.all([
    distinct(['node_name']),
    getGroups(fc, { params: { limit: null } }).then((result) => result.affectedItems),
    distinct(['os.name', 'os.platform', 'os.version']),
    distinct(['version']),
    core.summarizeStatus(fc.deps.wdb, scope, { signal: fc.signal }),
    core.listAgents(
      fc.deps.wdb,
      { params: { limit: 1, sort: '-dateAdd' }, scope, where: core.NOT_MANAGER },
      { signal: fc.signal },
    ),
  ]);
  return new WazuhResult({
    data: {
      nodes,
      groups,
      agent_os: agentOs,
      agent_status: status,
      agent_version: agentVersion,
      last_registered_agent: last.items.slice(0, 1),
    },
  });
}
