/**
 * Bench scenario: `POST /security/user/authenticate` with the default credentials. Each answer costs an scrypt
 * password check (N=32768, on the thread pool) plus an ES512 signature, so this measures login capacity, not
 * the HTTP stack. Successful logins refund their brute-force reservation, so the client IP never gets blocked.
 * Shaped like the scenarios of `bench/run.ts` (name, server, request, expectStatus).
 */
const basic = `Basic ${Buffer.from('wazuh:wazuh').toString('base64')}`;

export const loginScenario = {
  name: 'POST /security/user/authenticate (scrypt + ES512 sign)',
  server: 'api' as const,
  request: () => ({ method: 'POST' as const, path: '/security/user/authenticate', headers: { Authorization: basic } }),
  expectStatus: 200,
};

/** A bearer token with a valid shape but a wrong signature: the first request pays the check, the rest hit the
 * rejected-token cache. Shows that a replayed bad token costs about as little as a cached good one. */
const forged = [
  Buffer.from('{"alg":"ES512","typ":"JWT"}').toString('base64url'),
  Buffer.from(JSON.stringify({ aud: 'Wazuh API REST', nbf: 0, exp: 4102444800, sub: 'wazuh', run_as: false, rbac_roles: [1], rbac_mode: 'white' })).toString('base64url'),
  Buffer.alloc(132, 7).toString('base64url'),
].join('.');

export const forgedTokenScenario = {
  name: 'GET / with a forged ES512 token (401)',
  server: 'api' as const,
  request: () => ({ path: '/', headers: { Authorization: `Bearer ${forged}` } }),
  expectStatus: 401,
};
