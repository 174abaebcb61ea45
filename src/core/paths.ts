/**
 * The install layout of a Wazuh manager, rooted at WAZUH_PATH. The API, the embedded daemons and the tools all
 * derive file and socket locations from here, so the same build runs against `/var/ossec` or a project folder.
 */
import { join, resolve } from 'node:path';

/** Default WAZUH_PATH: a git-ignored `var/` folder inside the project. */
export const DEFAULT_WAZUH_PATH = resolve(__dirname, '..', '..', 'var');

export function wazuhPathFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.WAZUH_PATH || DEFAULT_WAZUH_PATH);
}

export type WazuhPaths = ReturnType<typeof wazuhPaths>;

export function wazuhPaths(root: string) {
  const at = (...parts: string[]) => join(root, ...parts);
  return {
    root,
    etc: at('etc'),
    ossecConf: at('etc', 'ossec.conf'),
    clientKeys: at('etc', 'client.keys'),
    shared: at('etc', 'shared'),
    /** Active-response commands agents may be sent by name. */
    arConf: at('etc', 'shared', 'ar.conf'),
    logs: at('logs'),
    ossecLog: at('logs', 'ossec.log'),
    archivesJson: at('logs', 'archives', 'archives.json'),
    stats: at('stats'),
    tmp: at('tmp'),
    varRun: at('var', 'run'),
    varDb: at('var', 'db'),
    mitreDb: at('var', 'db', 'mitre.db'),
    multigroups: at('var', 'multigroups'),
    queueDb: at('queue', 'db'),
    globalDb: at('queue', 'db', 'global.db'),
    agentDb: (agentId: string) => at('queue', 'db', `${agentId}.db`),
    tasksDb: at('queue', 'tasks', 'tasks.db'),
    sockets: {
      wdb: at('queue', 'db', 'wdb'),
      wdbHttp: at('queue', 'sockets', 'wdb-http.sock'),
      auth: at('queue', 'sockets', 'auth'),
      remote: at('queue', 'sockets', 'remote'),
      analysis: at('queue', 'sockets', 'analysis'),
      com: at('queue', 'sockets', 'com'),
      /** Other components' request sockets (`logcollector`, `syscheck`, `wmodules`, ...). */
      component: (name: string) => at('queue', 'sockets', name),
      eventQueue: at('queue', 'sockets', 'queue'),
      activeResponse: at('queue', 'alerts', 'ar'),
      execq: at('queue', 'alerts', 'execq'),
      upgrade: at('queue', 'tasks', 'upgrade'),
      cluster: at('queue', 'cluster', 'c-internal.sock'),
    },
    api: {
      configuration: at('api', 'configuration'),
      apiYaml: at('api', 'configuration', 'api.yaml'),
      security: at('api', 'configuration', 'security'),
      securityYaml: at('api', 'configuration', 'security', 'security.yaml'),
      rbacDb: at('api', 'configuration', 'security', 'rbac.db'),
      privateKey: at('api', 'configuration', 'security', 'private_key.pem'),
      publicKey: at('api', 'configuration', 'security', 'public_key.pem'),
      installationUid: at('api', 'configuration', 'security', 'installation_uid'),
      ssl: at('api', 'configuration', 'ssl'),
    },
  };
}
