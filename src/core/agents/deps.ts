/**
 * The socket clients the agent and group logic uses, built for one install (WAZUH_PATH). Built once at start-up
 * by the composition root and closed at shutdown; per-request work never opens its own pools.
 */
import { AuthdClient, DatagramQueue, RequestSocketClient, WazuhDBClient, WazuhDBHttpClient } from '../../ipc';
import { wazuhPaths } from '../paths';
import type { AgentDeps } from './ports';

export interface AgentClients extends AgentDeps {
  close(): void;
}

export function createAgentDeps(wazuhPath: string, options: { nodeName?: string } = {}): AgentClients {
  const paths = wazuhPaths(wazuhPath);
  const wdb = WazuhDBClient.forInstall(wazuhPath);
  const wdbHttp = WazuhDBHttpClient.forInstall(wazuhPath);
  const authd = AuthdClient.forInstall(wazuhPath);
  const remote = new RequestSocketClient({ path: paths.sockets.remote, name: 'wazuh-remoted' });
  const analysis = new RequestSocketClient({ path: paths.sockets.analysis, name: 'wazuh-analysisd' });
  const upgrade = new RequestSocketClient({ path: paths.sockets.upgrade, name: 'wazuh-modulesd' });
  const components = new Map<string, RequestSocketClient>();
  const ar = new DatagramQueue({ path: paths.sockets.activeResponse });
  return {
    paths,
    nodeName: options.nodeName ?? 'node01',
    wdb,
    wdbHttp,
    authd,
    remote,
    analysis,
    upgrade,
    ar,
    component(name: string) {
      let client = components.get(name);
      if (!client) {
        client = new RequestSocketClient({ path: paths.sockets.component(name), name });
        components.set(name, client);
      }
      return client;
    },
    close() {
      wdb.close();
      wdbHttp.close();
      authd.close();
      remote.close();
      analysis.close();
      upgrade.close();
      for (const client of components.values()) client.close();
    },
  };
}
