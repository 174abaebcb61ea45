/**
 * The API log: one access entry per request in Wazuh's plain and JSON formats, secrets never written, levels,
 * and rotation (by size and by day) into gzip archives with mode 0640, losing no line.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import winston from 'winston';
import { createApiLogger, maskSecrets, RotatingFileTransport } from '../../src/core/logging';
import { makeWazuhPath, startTestServer } from '../helpers/server';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
let dir: string;
beforeEach(() => {
  dir = makeWazuhPath();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function archives(logsDir: string): string[] {
  const root = join(logsDir, 'api');
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .map((name) => join(root, name))
    .filter((file) => file.endsWith('.gz'))
    .sort();
}

describe('access log over HTTP', () => {
  it('writes one entry per request in both formats, with every secret masked', async () => {
    const server = await startTestServer({ wazuhPath: dir, apiYaml: { logs: { format: 'plain,json' } } });
    const secrets = ['PLANTED-password', 'PLANTED-token', 'PLANTED-apikey', 'PLANTED-agentkey', 'PLANTED-query', 'BasicPassw0rd'];
    const runAs = await server.request('POST', '/security/user/authenticate/run_as', {
      basic: { username: 'alice', password: 'BasicPassw0rd' },
      body: { password: 'PLANTED-password', nested: { token: 'PLANTED-token', list: [{ API_KEY: 'PLANTED-apikey' }] }, key: 'PLANTED-agentkey', keep: 'visible' },
    });
    await server.request('GET', '/agents', { query: { password: 'PLANTED-query', limit: 2 }, headers: { Authorization: 'Bearer PLANTED-token' } });
    await server.close();

    const plain = readFileSync(join(dir, 'logs', 'api.log'), 'utf8');
    const json = readFileSync(join(dir, 'logs', 'api.json'), 'utf8');
    for (const secret of [...secrets, Buffer.from('alice:BasicPassw0rd').toString('base64')]) {
      expect(plain).not.toContain(secret);
      expect(json).not.toContain(secret);
    }

    const lines = plain.trim().split('\n');
    expect(lines[0]).toMatch(/^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d INFO: Listening on \['127\.0\.0\.1'\]:\d+$/);
    expect(lines[1]).toMatch(
      new RegExp(
        '^\\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d INFO: alice 127\\.0\\.0\\.1 "POST /security/user/authenticate/run_as" ' +
          'with parameters \\{\\} and body \\{"password":"\\*\\*\\*\\*","nested":\\{"token":"\\*\\*\\*\\*","list":\\[\\{"API_KEY":"\\*\\*\\*\\*"\\}\\]\\},' +
          `"key":"\\*\\*\\*\\*","keep":"visible"\\} done in \\d+\\.\\d{3}s: ${runAs.status}$`,
      ),
    );
    expect(lines[2]).toMatch(/INFO: unknown_user 127\.0\.0\.1 "GET \/agents" with parameters \{"password":"\*\*\*\*","limit":"2"\} and body \{\} done in \d+\.\d{3}s: 401$/);

    const entries = json.trim().split('\n').map((line) => JSON.parse(line));
    expect(entries[0]).toEqual({
      timestamp: expect.stringMatching(/^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d$/),
      levelname: 'INFO',
      data: { type: 'informative', payload: expect.stringMatching(/^Listening on /) },
    });
    expect(entries[2]).toEqual({
      timestamp: expect.any(String),
      levelname: 'INFO',
      data: {
        type: 'request',
        payload: {
          user: 'unknown_user',
          ip: '127.0.0.1',
          http_method: 'GET',
          uri: 'GET /agents',
          parameters: { password: '****', limit: '2' },
          body: {},
          time: expect.stringMatching(/^\d+\.\d{3}s$/),
          status_code: 401,
        },
      },
    });
  });

  it('writes nothing with level disabled, and no access entries at level error', async () => {
    const off = await startTestServer({ wazuhPath: dir, apiYaml: { logs: { level: 'disabled', format: 'json,plain' } } });
    await off.request('GET', '/');
    await off.close();
    expect(existsSync(join(dir, 'logs', 'api.log'))).toBe(false);
    expect(existsSync(join(dir, 'logs', 'api.json'))).toBe(false);

    const quiet = await startTestServer({ wazuhPath: dir, apiYaml: { logs: { level: 'error' } } });
    await quiet.request('GET', '/');
    await quiet.close();
    expect(readFileSync(join(dir, 'logs', 'api.log'), 'utf8')).toBe('');
  });

  it('rotates by size when logs.max_size is enabled', async () => {
    mkdirSync(join(dir, 'logs'), { recursive: true });
    const filler = `${'old line '.repeat(10)}\n`.repeat(Math.ceil((1024 * 1024) / 91));
    writeFileSync(join(dir, 'logs', 'api.log'), filler);
    const server = await startTestServer({ wazuhPath: dir, apiYaml: { logs: { max_size: { enabled: true, size: '1M' } } } });
    await server.request('GET', '/');
    await server.close();
    const [archive] = archives(join(dir, 'logs'));
    expect(archive).toBeDefined();
    expect(gunzipSync(readFileSync(archive)).toString('utf8')).toBe(filler);
    const live = readFileSync(join(dir, 'logs', 'api.log'), 'utf8');
    expect(live).not.toContain('old line');
    expect(live).toContain('"GET /"');
  });
});

describe('RotatingFileTransport', () => {
  it('rotates at 1M into gzip archives with mode 0640 and loses no line', async () => {
    const logger = createApiLogger({ logsDir: dir, level: 'info', format: 'plain', maxBytes: 1024 * 1024 });
    const total = 40_000; // about 3.5 MB of lines
    for (let i = 0; i < total; i += 1) logger.info(`line ${i} ${'x'.repeat(60)}`);
    await logger.close();

    const files = archives(dir);
    expect(files.length).toBeGreaterThanOrEqual(3);
    const now = new Date();
    const day = String(now.getDate()).padStart(2, '0');
    expect(files[0]).toBe(join(dir, 'api', String(now.getFullYear()), MONTHS[now.getMonth()], `api-${day}.log.gz`));
    expect(files.slice(1).every((file) => /api-\d\d_\d+\.log\.gz$/.test(file))).toBe(true);
    let seen = 0;
    for (const file of files) {
      expect(statSync(file).mode & 0o777).toBe(0o640);
      const text = gunzipSync(readFileSync(file)).toString('utf8');
      expect(text.length).toBeLessThanOrEqual(1024 * 1024);
      seen += text.trim().split('\n').length;
    }
    const live = readFileSync(join(dir, 'api.log'), 'utf8').trim().split('\n');
    seen += live.length;
    expect(seen).toBe(total);
    expect(live[live.length - 1]).toContain(`line ${total - 1} `);
  });

  it('rotates at the first write of a new day, archiving under the day the lines were written', async () => {
    let now = new Date(2025, 0, 31, 23, 59, 0);
    const transport = new RotatingFileTransport({ file: join(dir, 'api.log'), now: () => now, format: winston.format.printf((i) => String(i.message)) });
    const logger = winston.createLogger({ transports: [transport] });
    logger.info('on the 31st');
    await new Promise((resolve) => setTimeout(resolve, 20));
    now = new Date(2025, 1, 1, 0, 0, 5);
    logger.info('on the 1st');
    const finished = new Promise((resolve) => transport.once('finish', resolve));
    logger.end();
    await finished;
    await transport.flush();
    const archive = join(dir, 'api', '2025', 'Jan', 'api-31.log.gz');
    expect(gunzipSync(readFileSync(archive)).toString('utf8')).toBe('on the 31st\n');
    expect(readFileSync(join(dir, 'api.log'), 'utf8')).toBe('on the 1st\n');
  });
});

describe('maskSecrets', () => {
  it('masks secret-named keys at any depth and leaves the rest', () => {
    expect(
      maskSecrets({ Password: 'a', user_token: 'b', authorization: 'c', secret: 'd', list: [{ key: 'e' }], name: 'f', keys: 1 }),
    ).toEqual({ Password: '****', user_token: '****', authorization: '****', secret: '****', list: [{ key: '****' }], name: 'f', keys: 1 });
  });
});
