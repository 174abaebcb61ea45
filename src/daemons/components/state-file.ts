/**
 * The state files analysisd and remoted rewrite every `state_interval` seconds (`var/run/<daemon>.state`), read
 * by the deprecated `GET /manager/stats/analysisd|remoted`. Written through a temporary file so readers never see
 * half a file.
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';

export const STATE_INTERVAL_MS = 5_000;

export interface StateWriter {
  stop(): void;
}

export function keepStateFile(file: string, text: () => string, intervalMs = STATE_INTERVAL_MS): StateWriter {
  const write = () => {
    const temp = `${file}.tmp`;
    try {
      writeFileSync(temp, text(), { mode: 0o640 });
      renameSync(temp, file);
    } catch {
      rmSync(temp, { force: true });
    }
  };
  write();
  const timer = setInterval(write, intervalMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      write();
    },
  };
}
