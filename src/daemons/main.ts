/**
 * Entry of the embedded-daemons process. Forked by the API (see `index.ts`), or run by hand:
 * `WAZUH_PATH=/some/dir tsx src/daemons/main.ts`. Options come as JSON in WAZUH_EMBEDDED_OPTIONS.
 */
import { wazuhPathFromEnv } from '../core/paths';
import { startDaemonHost, type DaemonHostOptions } from './host';

export type HostMessage = { type: 'ready'; pid: number } | { type: 'error'; message: string };

async function main(): Promise<void> {
  const wazuhPath = wazuhPathFromEnv();
  const options = JSON.parse(process.env.WAZUH_EMBEDDED_OPTIONS || '{}') as DaemonHostOptions;
  let host;
  try {
    host = await startDaemonHost(wazuhPath, options);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.send?.({ type: 'error', message } satisfies HostMessage);
    process.stderr.write(`embedded daemons failed to start: ${message}\n`);
    process.exit(1);
  }
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    host.stop().finally(() => process.exit(0));
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  // The API went away: do not outlive it.
  process.on('disconnect', shutdown);
  process.on('message', (message: unknown) => {
    if ((message as { type?: string } | null)?.type === 'stop') shutdown();
  });
  process.on('uncaughtException', (error) => {
    process.stderr.write(`embedded daemons: ${error.stack ?? error.message}\n`);
  });
  if (process.send) process.send({ type: 'ready', pid: process.pid } satisfies HostMessage);
  else process.stdout.write(`embedded daemons running on ${wazuhPath} (pid ${process.pid})\n`);
}

if (require.main === module) void main();
