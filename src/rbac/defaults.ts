/**
 * The security objects every installation starts with. Their ids, names and bodies are the ones a Wazuh 4.14 manager
 * creates, so tokens, exports and `rbac.db` files stay interchangeable; ids up to 99 are reserved for them.
 *
 * A default policy group of Wazuh (e.g. `agents_all`) is stored as one policy per part, named `<group>_<part>`; role
 * links list those stored policy ids in the order Wazuh inserts them, which is the order the merge honours.
 */

export interface PolicyBody {
  actions: string[];
  resources: string[];
  effect: 'allow' | 'deny';
}

export interface DefaultUser {
  id: number;
  username: string;
  /** Initial password; installers are expected to change it. */
  password: string;
  allowRunAs: boolean;
  roleIds: number[];
}

export interface DefaultRole {
  id: number;
  name: string;
  /** Policy ids in link order (`roles_policies.level` 0, 1, ...). */
  policyIds: number[];
  ruleIds: number[];
}

export interface DefaultRule {
  id: number;
  name: string;
  rule: Record<string, unknown>;
}

export interface DefaultPolicy {
  id: number;
  name: string;
  policy: PolicyBody;
}

/** Ids up to this value belong to the defaults (Wazuh's MAX_ID_RESERVED). */
export const MAX_RESERVED_ID = 99;

function policy(
  id: number,
  name: string,
  actions: string[],
  resources: string[],
  effect: 'allow' | 'deny' = 'allow',
): DefaultPolicy {
  return { id, name, policy: { actions, resources, effect } };
}

export const DEFAULT_USERS: readonly DefaultUser[] = [
  { id: 1, username: 'wazuh', password: 'wazuh', allowRunAs: true, roleIds: [1] },
  { id: 2, username: 'wazuh-wui', password: 'wazuh-wui', allowRunAs: true, roleIds: [1] },
];

export const DEFAULT_RULES: readonly DefaultRule[] = [
  { id: 1, name: 'wui_elastic_admin', rule: { FIND: { username: 'elastic' } } },
  { id: 2, name: 'wui_opensearch_admin', rule: { FIND: { user_name: 'admin' } } },
];

export const DEFAULT_POLICIES: readonly DefaultPolicy[] = [
  policy(1, 'agents_all_resourceless', ['agent:create', 'group:create', 'agent:uninstall'], ['*:*:*']),
  policy(2, 'agents_all_agents', ['agent:read', 'agent:delete', 'agent:modify_group', 'agent:reconnect', 'agent:restart', 'agent:upgrade'], ['agent:id:*', 'agent:group:*']),
  policy(3, 'agents_all_groups', ['group:read', 'group:delete', 'group:update_config', 'group:modify_assignments'], ['group:id:*']),
  policy(4, 'agents_read_agents', ['agent:read'], ['agent:id:*', 'agent:group:*']),
  policy(5, 'agents_read_groups', ['group:read'], ['group:id:*']),
  policy(6, 'agents_commands_agents', ['active-response:command'], ['agent:id:*']),
  policy(7, 'security_all_resourceless', ['security:create', 'security:create_user', 'security:read_config', 'security:update_config', 'security:revoke', 'security:edit_run_as'], ['*:*:*']),
  policy(8, 'security_all_security', ['security:read', 'security:update', 'security:delete'], ['role:id:*', 'policy:id:*', 'user:id:*', 'rule:id:*']),
  policy(9, 'users_all_resourceless', ['security:create_user', 'security:revoke', 'security:edit_run_as'], ['*:*:*']),
  policy(10, 'users_all_users', ['security:read', 'security:update', 'security:delete'], ['user:id:*']),
  policy(11, 'users_modify_run_as_flag', ['security:edit_run_as'], ['*:*:*']),
  policy(12, 'ciscat_read_ciscat', ['ciscat:read'], ['agent:id:*']),
  policy(13, 'decoders_read_decoders', ['decoders:read'], ['decoder:file:*']),
  policy(14, 'decoders_all_files', ['decoders:read', 'decoders:delete'], ['decoder:file:*']),
  policy(15, 'decoders_all_resourceless', ['decoders:update'], ['*:*:*']),
  policy(16, 'mitre_read_mitre', ['mitre:read'], ['*:*:*']),
  policy(17, 'lists_read_rules', ['lists:read'], ['list:file:*']),
  policy(18, 'lists_all_rules', ['lists:read', 'lists:delete'], ['list:file:*']),
  policy(19, 'lists_all_resourceless', ['lists:update'], ['*:*:*']),
  policy(20, 'rootcheck_read_rootcheck', ['rootcheck:read'], ['agent:id:*']),
  policy(21, 'rootcheck_all_rootcheck', ['rootcheck:clear', 'rootcheck:read', 'rootcheck:run'], ['agent:id:*']),
  policy(22, 'rules_read_rules', ['rules:read'], ['rule:file:*']),
  policy(23, 'rules_all_files', ['rules:read', 'rules:delete'], ['rule:file:*']),
  policy(24, 'rules_all_resourceless', ['rules:update'], ['*:*:*']),
  policy(25, 'sca_read_sca', ['sca:read'], ['agent:id:*']),
  policy(26, 'syscheck_read_syscheck', ['syscheck:read'], ['agent:id:*']),
  policy(27, 'syscheck_all_syscheck', ['syscheck:clear', 'syscheck:read', 'syscheck:run'], ['agent:id:*']),
  policy(28, 'syscollector_read_syscollector', ['syscollector:read'], ['agent:id:*']),
  policy(29, 'cluster_all_resourceless', ['cluster:status', 'manager:read', 'manager:read_api_config', 'manager:update_config', 'manager:restart'], ['*:*:*']),
  policy(30, 'cluster_all_nodes', ['cluster:read_api_config', 'cluster:read', 'cluster:restart', 'cluster:update_config'], ['node:id:*']),
  policy(31, 'cluster_read_resourceless', ['cluster:status', 'manager:read', 'manager:read_api_config'], ['*:*:*']),
  policy(32, 'cluster_read_nodes', ['cluster:read_api_config', 'cluster:read', 'cluster:read_api_config'], ['node:id:*']),
  policy(33, 'logtest_all_logtest', ['logtest:run'], ['*:*:*']),
  policy(34, 'task_status_task', ['task:status'], ['*:*:*']),
  policy(35, 'events_ingest_resourceless', ['event:ingest'], ['*:*:*']),
];

export const DEFAULT_ROLES: readonly DefaultRole[] = [
  {
    id: 1,
    name: 'administrator',
    policyIds: [1, 2, 3, 6, 7, 8, 29, 30, 12, 14, 15, 18, 19, 21, 23, 24, 16, 25, 27, 28, 33, 34, 35],
    ruleIds: [1, 2],
  },
  { id: 2, name: 'readonly', policyIds: [4, 5, 12, 31, 32, 13, 17, 20, 22, 16, 25, 26, 28], ruleIds: [] },
  { id: 3, name: 'users_admin', policyIds: [9, 10], ruleIds: [] },
  { id: 4, name: 'agents_readonly', policyIds: [4, 5], ruleIds: [] },
  { id: 5, name: 'agents_admin', policyIds: [1, 2, 3], ruleIds: [] },
  { id: 6, name: 'cluster_readonly', policyIds: [31, 32], ruleIds: [] },
  { id: 7, name: 'cluster_admin', policyIds: [29, 30], ruleIds: [] },
];

/** The default user allowed to match the default (reserved) security rules in run_as logins. */
export const WUI_USER_ID = 2;
