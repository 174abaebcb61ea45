/** `PUT /active-response`: RBAC (`active-response:command` on `agent:id`), then the command to each allowed agent. */
import { ACTIVE_RESPONSE_MESSAGES, runActiveResponse, type ArRequest } from '../core/active-response';
import { actOnAgents, type MonitoringCall } from './monitoring';

export function runCommand(call: MonitoringCall, agentsList: readonly string[] | undefined, request: ArRequest) {
  return actOnAgents(call, 'active-response:command', agentsList, ACTIVE_RESPONSE_MESSAGES, [1701], (ids) =>
    runActiveResponse(
      {
        wdb: call.deps.wdb,
        ar: call.deps.ar,
        remote: call.deps.remote,
        clientKeys: call.deps.paths.clientKeys,
        arConf: call.deps.paths.arConf,
        clusterNodeName: call.deps.clusterNodeName,
      },
      ids,
      request,
      { signal: call.signal },
    ),
  );
}
