/**
 * `GET /overview/agents`: the dashboard's summary in one answer — agents per node, groups, OS and version
 * combinations, status counts and the last registered agent. Each part is computed with the caller's own
 * permissions (`agent:read`, `group:read`), so a caller sees the overview of what it may read; all counting and
 * grouping is done by SQL.
 *
 * Each part is one grouped read of global.db (indexed at 1M agents), computed without the count of rows that the
 * list endpoints add, since the overview shows the rows only.
 */
import * as core from '../core/agents';
import { WazuhResult } from '../core/results';
import { targetsOf, type FrameworkCall } from './agents';
import { getGroups } from './groups';

export async function getOverview(fc: FrameworkCall): Promise<WazuhResult> {
  const { scope } = await targetsOf(fc.rbac, 'agent:read', 'agent:id', undefined);
  const call = { signal: fc.signal };
  const countBy = (fields: string[]) => core.countAgentsBy(fc.deps.wdb, fields, scope, call);
  const [nodes, groups, agentOs, agentVersion, status, last] = await Promise.all([
    countBy(['node_name']),
    getGroups(fc, { params: { limit: null } }).then((result) => result.affectedItems),
    countBy(['os.name', 'os.platform', 'os.version']),
    countBy(['version']),
    core.summarizeStatus(fc.deps.wdb, scope, call),
    core.lastRegisteredAgent(fc.deps.wdb, scope, call),
  ]);
  return new WazuhResult({
    data: {
      nodes,
      groups,
      agent_os: agentOs,
      agent_status: status,
      agent_version: agentVersion,
      last_registered_agent: last.slice(0, 1),
    },
  });
}
