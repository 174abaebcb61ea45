import { wazuhClient } from './client.typecheck';

describe('client generated from spec.yaml', () => {
  it('builds an openapi-fetch client with one function per HTTP method', () => {
    const client = wazuhClient('https://127.0.0.1:55000', 'token');
    for (const method of ['GET', 'POST', 'PUT', 'DELETE'] as const) expect(typeof client[method]).toBe('function');
  });
});
