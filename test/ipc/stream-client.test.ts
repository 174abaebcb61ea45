import { writeFileSync } from 'node:fs';
import { StreamClient } from '../../src/ipc/stream-client';
import { WDB_SOCKET_CODES } from '../../src/ipc/errors';
import { encodeFrame } from '../../src/ipc/framing';
import { WazuhError } from '../../src/core/errors';
import { framedServer, shortTempDir, sleep, socketPath } from './helpers';

async function codeOf(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof WazuhError) return error.code;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('StreamClient over a real Unix socket', () => {
  let tmp: ReturnType<typeof shortTempDir>;
  beforeEach(() => {
    tmp = shortTempDir();
  });
  afterEach(() => tmp.cleanup());

  it('gets a reply written one byte at a time, and a 1 MiB reply', async () => {
    const path = socketPath(tmp.dir);
    const big = 'x'.repeat(1024 * 1024);
    const server = await framedServer(path, (request) => {
      if (request === 'big') return big;
      const frame = encodeFrame(`echo ${request}`);
      return (socket) => {
        let i = 0;
        const tick = () => {
          if (i >= frame.length) return;
          socket.write(frame.subarray(i, i + 1));
          i++;
          setImmediate(tick);
        };
        tick();
      };
    });
    const client = new StreamClient({ path, reuse: true });
    try {
      expect((await client.request('hello')).toString()).toBe('echo hello');
      expect((await client.request('big')).length).toBe(big.length);
    } finally {
      client.close();
      await server.close();
    }
  });

  it('never mixes replies between concurrent callers and bounds the connections', async () => {
    const path = socketPath(tmp.dir);
    const server = await framedServer(path, async (request) => {
      await sleep(Math.floor(Math.random() * 5));
      return `re:${request}`;
    });
    const client = new StreamClient({ path, reuse: true, maxConnections: 3 });
    try {
      const requests = Array.from({ length: 200 }, (_, i) => `q${i}`);
      const replies = await Promise.all(requests.map((r) => client.request(r)));
      expect(replies.map(String)).toEqual(requests.map((r) => `re:${r}`));
      expect(server.maxConcurrent()).toBeLessThanOrEqual(3);
      expect(client.stats.open).toBeLessThanOrEqual(3);
    } finally {
      client.close();
      await server.close();
    }
  });

  it('opens one connection per request when reuse is off', async () => {
    const path = socketPath(tmp.dir);
    let connections = 0;
    const server = await framedServer(path, (request, socket) => {
      if (!(socket as unknown as { counted?: boolean }).counted) {
        (socket as unknown as { counted?: boolean }).counted = true;
        connections++;
      }
      return (s) => s.end(encodeFrame(request));
    });
    const client = new StreamClient({ path, reuse: false });
    try {
      for (let i = 0; i < 5; i++) expect((await client.request(`r${i}`)).toString()).toBe(`r${i}`);
      expect(connections).toBe(5);
    } finally {
      await server.close();
    }
  });

  it('maps a missing socket file and a refused connection to the client codes', async () => {
    const missing = socketPath(tmp.dir, 'nothing');
    expect(await codeOf(new StreamClient({ path: missing }).request('x'))).toBe(1013);
    expect(await codeOf(new StreamClient({ path: missing, codes: WDB_SOCKET_CODES }).request('x'))).toBe(2005);
    const notListening = socketPath(tmp.dir, 'file');
    writeFileSync(notListening, '');
    expect(await codeOf(new StreamClient({ path: notListening }).request('x'))).toBe(1121);
  });

  it('times out a silent daemon within the budget, then works again on a new connection', async () => {
    const path = socketPath(tmp.dir);
    let silent = true;
    const server = await framedServer(path, (request) => (silent ? null : `ok ${request}`));
    const client = new StreamClient({ path, reuse: true, codes: WDB_SOCKET_CODES });
    try {
      const started = Date.now();
      expect(await codeOf(client.request('hang', { timeoutMs: 150 }))).toBe(2014);
      expect(Date.now() - started).toBeLessThan(1000);
      silent = false;
      expect((await client.request('again', { timeoutMs: 1000 })).toString()).toBe('ok again');
    } finally {
      client.close();
      await server.close();
    }
  });

  it('honours an AbortSignal', async () => {
    const path = socketPath(tmp.dir);
    const server = await framedServer(path, () => null);
    const client = new StreamClient({ path, reuse: true });
    try {
      const controller = new AbortController();
      const pending = client.request('x', { signal: controller.signal, timeoutMs: 10_000 });
      setTimeout(() => controller.abort(), 20);
      expect(await codeOf(pending)).toBe(1014);
      expect(await codeOf(client.request('x', { signal: AbortSignal.abort() }))).toBe(1014);
    } finally {
      client.close();
      await server.close();
    }
  });

  it('reports a reply cut short by the daemon', async () => {
    const path = socketPath(tmp.dir);
    const server = await framedServer(path, () => (socket) => {
      const frame = encodeFrame('this reply never completes');
      socket.end(frame.subarray(0, 10));
    });
    const client = new StreamClient({ path, reuse: true, codes: WDB_SOCKET_CODES });
    try {
      expect(await codeOf(client.request('x'))).toBe(2010);
    } finally {
      client.close();
      await server.close();
    }
  });

  it('refuses new calls at once when the wait queue is full', async () => {
    const path = socketPath(tmp.dir);
    const server = await framedServer(path, async (request) => {
      await sleep(100);
      return request;
    });
    const client = new StreamClient({ path, reuse: true, maxConnections: 1, maxPending: 2 });
    try {
      const accepted = [client.request('a'), client.request('b'), client.request('c')];
      const started = Date.now();
      expect(await codeOf(client.request('d'))).toBe(1014);
      expect(Date.now() - started).toBeLessThan(50);
      expect((await Promise.all(accepted)).map(String)).toEqual(['a', 'b', 'c']);
    } finally {
      client.close();
      await server.close();
    }
  });

  it('reconnects after the daemon restarts', async () => {
    const path = socketPath(tmp.dir);
    let server = await framedServer(path, (request) => `one:${request}`);
    const client = new StreamClient({ path, reuse: true, codes: WDB_SOCKET_CODES });
    try {
      expect((await client.request('a')).toString()).toBe('one:a');
      await server.close();
      await sleep(20);
      expect(await codeOf(client.request('b', { timeoutMs: 500 }))).toBe(2005);
      server = await framedServer(path, (request) => `two:${request}`);
      expect((await client.request('c')).toString()).toBe('two:c');
    } finally {
      client.close();
      await server.close();
    }
  });
});
