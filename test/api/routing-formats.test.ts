/**
 * The route matcher (most specific template wins, 405 with the allowed methods, percent-decoding) and Wazuh's
 * string formats as the validator enforces them.
 */
import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { isSafePath, unknownFormats, wazuhFormats } from '../../src/api/formats';
import { RouteMatcher } from '../../src/api/routing';
import { routes } from '../../generated/routes';
import { makeWazuhPath } from '../helpers/server';

describe('RouteMatcher', () => {
  const matcher = new RouteMatcher(routes);

  it('prefers a literal segment over a parameter', () => {
    expect(matcher.match('GET', '/agents/001/group/is_sync')).toMatchObject({ kind: 'found', route: { operationId: 'get_sync_agent' } });
    expect(matcher.match('PUT', '/agents/001/group/web')).toMatchObject({
      kind: 'found',
      route: { operationId: 'put_agent_single_group' },
      params: { agent_id: '001', group_id: 'web' },
    });
  });

  it('answers wrong-method with the methods of the matched template', () => {
    expect(matcher.match('PUT', '/agents/001/group/is_sync')).toEqual({ kind: 'wrong-method', allow: ['GET'] });
  });

  it('matches the root, ignores one trailing slash, decodes parameters and refuses unknown paths', () => {
    expect(matcher.match('GET', '/')).toMatchObject({ kind: 'found', route: { operationId: 'default_info' } });
    expect(matcher.match('GET', '/agents/')).toMatchObject({ kind: 'found', route: { operationId: 'get_agents' } });
    expect(matcher.match('GET', '/groups/web%20one/files/agent.conf')).toMatchObject({ params: { group_id: 'web one', file_name: 'agent.conf' } });
    expect(matcher.match('GET', '/agents//key')).toEqual({ kind: 'none' });
    expect(matcher.match('GET', '/nope')).toEqual({ kind: 'none' });
    expect(() => matcher.match('GET', '/groups/%E0%A4%A/files')).toThrow(/not valid percent-encoding/);
  });
});

describe('Wazuh formats', () => {
  let root: string;
  let formats: Record<string, (value: unknown) => boolean>;
  beforeAll(() => {
    root = makeWazuhPath();
    mkdirSync(join(root, 'etc'), { recursive: true });
    symlinkSync('/etc', join(root, 'escape'));
    formats = wazuhFormats(root) as Record<string, (value: unknown) => boolean>;
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it.each([
    ['numbers', ['001', '42'], ['1a', '', '-1']],
    ['numbers_or_all', ['7', 'all'], ['ALL', 'x']],
    ['names', ['web-01.lan', 'a%20b', 'os.name'], ['a;b', 'a b', 'é']],
    ['alphanumeric', ['Ubuntu 22.04', 'a,b:c+d', 'Ñandú'], ['a;b', 'a|b']],
    ['alphanumeric_symbols', ['(a|b)=[c]~#*', 'x/y'], ['a;b', 'a&b']],
    ['group_names', ['default', 'web.servers', 'all-agents'], ['all', '.', '..', 'a b', 'a/b']],
    ['group_names_or_all', ['all', 'web'], ['.', '..']],
    ['hash', ['', 'd41d8cd98f00b204e9800998ecf8427e', 'a'.repeat(64)], ['abc', 'g'.repeat(32), 'a'.repeat(33)]],
    ['query', ['status=active', 'os.name~ubuntu;status!=disconnected', 'a<1,b>2'], ['status', 'a=b;', '=a']],
    ['search', ['web server', '-name'], ['a;b', 'a|b', 'a&b', 'a*', 'a>b', 'a^b']],
    ['sort', ['-name,+id', ' name', 'os.name'], ['name;id', 'name()']],
    ['timeframe', ['7d', '12h', '30', '5m'], ['7w', 'd', '1.5h']],
    ['date', ['2025-01-31'], ['2025-13-01', '2025-1-1', '31/01/2025']],
    ['date-time', ['2025-01-31T10:00:00Z', '2025-01-31t10:00:00.5+02:00'], ['2025-01-31 10:00:00', '2025-01-31T25:00:00Z']],
    ['wazuh_key', ['abcDEF123'], ['abc=', '']],
    ['wazuh_version', ['v4.14.4', 'Wazuh v4.7.0', '4.2.1'], ['4.2', 'v4.2.1-rc1']],
    ['base64', ['', 'YWJjZA==', 'YWJj'], ['YWJ', 'a$==']],
    ['range', ['5', '1-10'], ['a', '100-200']],
    ['path', ['etc/ossec.conf', 'etc/shared/default'], ['../etc/passwd', 'etc/../../x', 'a b', 'escape/passwd']],
    ['active_response_command', ['!restart.sh', 'custom/ar.sh'], ['../../bin/sh', 'a;b']],
    ['wpk_path', [], ['/tmp/x.wpk', 'x.wpk']],
    ['xml_filename', ['a.xml', 'a.xml,b-c.xml'], ['a.txt', 'a.xml,']],
  ])('%s', (name, good, bad) => {
    for (const value of good) expect([name, value, formats[name](value)]).toEqual([name, value, true]);
    for (const value of bad) expect([name, value, formats[name](value)]).toEqual([name, value, false]);
    expect(formats[name](17)).toBe(true); // non-strings are not the format's business
  });

  it('accepts files under WAZUH_PATH for wpk_path', () => {
    expect(formats.wpk_path(join(root, 'var', 'upgrade', 'agent.wpk'))).toBe(true);
  });

  it('has an _or_empty variant of each format', () => {
    expect(formats.names_or_empty('')).toBe(true);
    expect(formats.names_or_empty('a;b')).toBe(false);
    expect(formats['date-time_or_empty']('')).toBe(true);
  });

  it('keeps paths inside the installation', () => {
    expect(isSafePath('etc/ossec.conf', root)).toBe(true);
    expect(isSafePath('/etc/ossec.conf', root)).toBe(true); // relative paths may start with a slash
    expect(isSafePath('escape/passwd', root)).toBe(false); // a symbolic link leading out
  });

  it('lists the spec formats it does not know (accepted as in Wazuh)', () => {
    const spec = { a: { format: 'names' }, b: [{ format: 'paths' }], c: { properties: { format: { type: 'string' } } }, d: { format: 'int32' } };
    expect(unknownFormats(spec, formats)).toEqual(['paths']);
  });
});
