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
