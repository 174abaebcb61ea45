/**
 * A typed client built only from the generated types. `npx tsc --noEmit` compiles it, which proves that
 * `generated/api.d.ts` is usable by openapi-fetch; the functions are never called by the tests.
 */
import createClient from 'openapi-fetch';
import type { paths } from '../../generated/api';

export function wazuhClient(baseUrl: string, token?: string) {
  return createClient<paths>({
    baseUrl,
    headers: token ? { Authorization: `Bearer ${token}` } : {},
    // Wazuh lists travel as `a,b`, not as repeated parameters.
    querySerializer: { array: { style: 'form', explode: false } },
  });
}

export type WazuhClient = ReturnType<typeof wazuhClient>;

export async function login(baseUrl: string, user: string, password: string): Promise<string> {
  const basic = Buffer.from(`${user}:${password}`).toString('base64');
  const client = createClient<paths>({ baseUrl, headers: { Authorization: `Basic ${basic}` } });
  const { data, error } = await client.POST('/security/user/authenticate', {});
  if (error || data === undefined) throw new Error(`login failed: ${error?.detail ?? 'no body'}`);
  // With `raw=true` the reply is the bare token; otherwise it sits in the envelope.
  return typeof data === 'string' ? data : data.data.token;
}

export async function activeAgentNames(client: WazuhClient): Promise<string[]> {
  const { data, error } = await client.GET('/agents', {
    params: { query: { select: ['name', 'status'], limit: 100, status: ['active'], sort: '+name', q: 'os.platform~ubuntu' } },
  });
  if (error) throw new Error(`${error.title}: ${error.detail} (${error.error ?? 'no code'})`);
  return data.data.affected_items.map((agent) => agent.name ?? agent.id ?? '');
}

export async function assignToGroup(client: WazuhClient, group: string, agents: string[]): Promise<number> {
  const { data, error } = await client.PUT('/agents/group', {
    params: { query: { group_id: group, agents_list: agents, force_single_group: false } },
  });
  if (error) throw new Error(error.detail);
  for (const failed of data.data.failed_items) {
    const code: number = failed.error.code;
    const ids: Array<string | number> = failed.id;
    void code;
    void ids;
  }
  return data.data.total_affected_items;
}

export async function createGroup(client: WazuhClient, name: string): Promise<string | undefined> {
  const { data } = await client.POST('/groups', { body: { group_id: name } });
  return data?.message;
}

export async function restartAgent(client: WazuhClient, agentId: string): Promise<0 | 1 | 2 | undefined> {
  const { data } = await client.PUT('/agents/{agent_id}/restart', { params: { path: { agent_id: agentId } } });
  return data?.error;
}

export async function deleteOldAgents(client: WazuhClient): Promise<string[]> {
  const { data } = await client.DELETE('/agents', {
    params: { query: { agents_list: ['all'], status: ['never_connected'], older_than: '30d' } },
  });
  return data?.data.affected_items ?? [];
}
