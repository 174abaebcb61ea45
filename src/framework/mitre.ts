/** `GET /mitre/*`: `mitre:read` on `*:*:*`, then the MITRE ATT&CK database through wazuh-db. */
import type { MitreResource } from '../core/mitre';
import { listMitre, MITRE_MESSAGES, type MitreQuery } from '../core/mitre/queries';
import { listResult, requireResourceless, type MonitoringCall } from './monitoring';

export async function getMitre(call: MonitoringCall, resource: MitreResource, query: MitreQuery = {}) {
  requireResourceless(call, 'mitre:read');
  const list = await listMitre({ wdb: call.deps.wdb, mitreDb: call.deps.paths.mitreDb }, resource, query, {
    signal: call.signal,
  });
  return listResult(MITRE_MESSAGES[resource], list);
}
