/**
 * A receiver that stops reading (a hung remoted): the sender retries quickly at first, then backs off, and gives
 * up with 1011 when its budget runs out instead of waiting for ever.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DatagramQueue } from '../../src/ipc';

test('a queue that stays full fails the remaining sends with 1011 within the budget', async () => {
  const dir = mkdtempSync('/tmp/w');
  const path = join(dir, 'ar');
  // The reader lives in its own process so that SIGSTOP freezes it while this one keeps sending.
  const code = `require('unix-dgram').createSocket('unix_dgram', () => {}).bind(${JSON.stringify(path)}); process.send('bound'); setInterval(() => {}, 1000);`;
  const reader = spawn(process.execPath, ['-e', code], { cwd: join(__dirname, '..', '..'), stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  try {
    await new Promise((resolve) => reader.once('message', resolve));
    reader.kill('SIGSTOP');
    const started = Date.now();
    const results = await new DatagramQueue({ path }).sendBatch(Array.from({ length: 40 }, (_, i) => `message ${i}`), { timeoutMs: 400 });
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(350);
    expect(elapsed).toBeLessThan(2_000);
    const failed = results.filter(Boolean);
    // The kernel took the first few; the rest waited for a reader that never came.
    expect(results.slice(0, 5).filter(Boolean)).toEqual([]);
    expect(failed.length).toBeGreaterThan(0);
    for (const error of failed) expect(error).toMatchObject({ code: 1011 });
  } finally {
    reader.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});
