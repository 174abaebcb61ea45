/**
 * Bench scenario: `GET /security/users` with the administrator's token — token cache hit, route gate, the
 * Casbin-backed RBAC filter turned into an `id NOT IN (...)` restriction, and an SQL list over rbac.db.
 * Shaped like the scenarios of `bench/run.ts` (name, server, needsToken, request, expectStatus).
 */
export const rbacGetScenario = {
  name: 'GET /security/users (token cache, RBAC filter, SQL list)',
  server: 'api' as const,
  needsToken: true,
  request: ({ token }: { token?: string }) => ({
    path: '/security/users?limit=10',
    headers: { Authorization: `Bearer ${token}` },
  }),
  expectStatus: 200,
};
