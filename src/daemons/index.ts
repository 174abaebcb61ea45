/**
 * Starts the embedded daemons in a child process, as the manager's daemons run apart from the API: SQLite work
 * (synchronous in better-sqlite3) then never blocks the API's event loop. The child runs the TypeScript sources
 * through tsx when the API itself runs from sources (tsx or jest), or the compiled entry otherwise.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DaemonHostOptions } from './host';
import type { HostMessage } from './main';

export { startDaemonHost, type DaemonHost, type DaemonHostOptions } from './host';
export { EMBEDDED_DAEMONS } from './registry';
export type { EmbeddedDaemon, DaemonContext, RunningDaemon } from './types';

export interface EmbeddedDaemonsOptions extends Pick<DaemonHostOptions, 'hostname' | 'version' | 'nodeName'> {
  /** How long to wait for the child to report ready (default 30 s). */
  startTimeoutMs?: number;
  /** Called when the child exits on its own (crash, kill), not after `stop()`. */
  onExit?: (code: number | null, signal: NodeJS.Signals | null) => void;
  /** Show the child's stdout (default: ignored; stderr is always passed through). */
  inheritStdout?: boolean;
}

export interface EmbeddedDaemonsHandle {
  pid: number;
  /** Asks the child to stop cleanly (pid files and sockets removed); kills it after 5 s. */
  stop(): Promise<void>;
}

function entryPoint(): { file: string; execArgv: string[] } {
  const source = join(__dirname, 'main.ts');
  if (existsSync(source)) return { file: source, execArgv: ['--import', pathToFileURL(require.resolve('tsx')).href] };
  return { file: join(__dirname, 'main.js'), execArgv: [] };
}

function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

export function startEmbeddedDaemons(wazuhPath: string, options: EmbeddedDaemonsOptions = {}): Promise<EmbeddedDaemonsHandle> {
  const { file, execArgv } = entryPoint();
  const hostOptions: DaemonHostOptions = { hostname: options.hostname, version: options.version, nodeName: options.nodeName };
  const child = fork(file, [], {
    execArgv,
    env: { ...process.env, WAZUH_PATH: wazuhPath, WAZUH_EMBEDDED_OPTIONS: JSON.stringify(hostOptions) },
    stdio: ['ignore', options.inheritStdout ? 'inherit' : 'ignore', 'inherit', 'ipc'],
  });
  let stopping = false;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`embedded daemons did not start within ${options.startTimeoutMs ?? 30_000} ms`));
    }, options.startTimeoutMs ?? 30_000);
    const onEarlyExit = (code: number | null, signal: NodeJS.Signals | null) => {
      clearTimeout(timer);
      reject(new Error(`embedded daemons exited during start-up (code ${code}, signal ${signal})`));
    };
    child.once('exit', onEarlyExit);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('message', (message: HostMessage) => {
      if (message.type === 'error') {
        clearTimeout(timer);
        child.off('exit', onEarlyExit);
        reject(new Error(`embedded daemons failed to start: ${message.message}`));
        return;
      }
      if (message.type !== 'ready') return;
      clearTimeout(timer);
      child.off('exit', onEarlyExit);
      child.once('exit', (code, signal) => {
        if (!stopping) options.onExit?.(code, signal);
      });
      resolve({
        pid: message.pid,
        async stop() {
          if (stopping) return waitForExit(child);
          stopping = true;
          if (child.exitCode !== null || child.signalCode !== null) return;
          const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
          if (child.connected) child.send({ type: 'stop' });
          else child.kill('SIGTERM');
          await waitForExit(child);
          clearTimeout(killer);
          if (child.connected) child.disconnect();
        },
      });
    });
  });
}

export interface SupervisorLog {
  info(message: string): void;
  warning(message: string): void;
  error(message: string): void;
}

export interface SupervisorOptions extends Omit<EmbeddedDaemonsOptions, 'onExit'> {
  log: SupervisorLog;
  /** First restart delay (default 500 ms); doubles after each exit up to `maxBackoffMs` (default 10 s). */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** A child that stayed up this long earns the short delay again on its next exit (default 30 s). */
  stableAfterMs?: number;
}

export interface SupervisedDaemons {
  /** The pid of the child running now, undefined while it is down. */
  readonly pid: number | undefined;
  /** Stops supervising, then stops the child (or the start under way). */
  stop(): Promise<void>;
}

/**
 * Starts the embedded daemons and keeps them up: a child that exits on its own is started again after a
 * growing delay. The first start must succeed (its error is thrown, as an API without daemons cannot serve);
 * later start failures are logged and retried. Requests in the meantime fail on the daemons pre-check (1017)
 * or with the socket errors, never hang.
 */
export async function superviseEmbeddedDaemons(wazuhPath: string, options: SupervisorOptions): Promise<SupervisedDaemons> {
  const { log, minBackoffMs = 500, maxBackoffMs = 10_000, stableAfterMs = 30_000, ...startOptions } = options;
  let current: EmbeddedDaemonsHandle | undefined;
  let starting: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let backoff = minBackoffMs;

  const launch = async (): Promise<void> => {
    const startedAt = Date.now();
    const handle = await startEmbeddedDaemons(wazuhPath, {
      ...startOptions,
      onExit: (code, signal) => {
        if (current === handle) current = undefined;
        if (stopped) return;
        if (Date.now() - startedAt >= stableAfterMs) backoff = minBackoffMs;
        log.warning(`Embedded daemons (pid ${handle.pid}) exited unexpectedly (code ${code}, signal ${signal}); restarting in ${backoff} ms`);
        schedule();
      },
    });
    current = handle;
  };

  const schedule = () => {
    const wait = backoff;
    backoff = Math.min(backoff * 2, maxBackoffMs);
    timer = setTimeout(() => {
      timer = undefined;
      if (stopped) return;
      starting = launch().then(
        async () => {
          // stop() may have come while the child was starting: it waits for this promise, then stops it.
          if (!stopped && current) log.info(`Embedded daemons restarted (pid ${current.pid})`);
        },
        (error: unknown) => {
          if (stopped) return;
          log.error(`Embedded daemons could not restart: ${(error as Error).message}; retrying in ${backoff} ms`);
          schedule();
        },
      );
    }, wait);
    timer.unref();
  };

  await launch();
  return {
    get pid() {
      return current?.pid;
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await starting;
      await current?.stop();
      current = undefined;
    },
  };
}
