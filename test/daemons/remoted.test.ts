import { readFileSync } from 'node:fs';
import { DatagramQueue } from '../../src/ipc';
import { WazuhError } from '../../src/core/errors';
import { wazuhPaths } from '../../src/core/paths';
import { arLogPath, type ArRecord } from '../../src/daemons/remoted/ar-queue';
import { shortTempDir, sleep, startHostFixture } from './helpers';

async function records(path: string, count: number): Promise<ArRecord[]> {
  for (let i = 0; i < 100; i++) {
    let lines: string[] = [];
    try {
      lines = readFileSync(path, 'utf8').split('\n').filter(Boolean);
    } catch {
      lines = [];
    }
    if (lines.length >= count) return lines.map((line) => JSON.parse(line) as ArRecord);
    await sleep(10);
  }
  throw new Error(`fewer than ${count} records in ${path}`);
}

describe('active-response queue', () => {
  it('fails with 1010 when nobody reads the queue', async () => {
    const tmp = shortTempDir();
    try {
      const queue = new DatagramQueue({ path: wazuhPaths(tmp.dir).sockets.activeResponse });
      let error: unknown;
      await queue.send('(msg_to_agent) [] N!S 001 force_reconnect').catch((e: unknown) => (error = e));
      expect(error).toBeInstanceOf(WazuhError);
      expect((error as WazuhError).code).toBe(1010);
    } finally {
      tmp.cleanup();
    }
  });

  it('records what the API sends, classified', async () => {
    const fx = await startHostFixture();
    try {
      const queue = new DatagramQueue({ path: fx.paths.sockets.activeResponse });
      const restart =
        '(msg_to_agent) [] NNS 001 {"version": 1, "origin": {"module": "framework"}, "command": "restart-wazuh0", "parameters": {"extra_args": [], "alert": {}}} - null (from_the_server) (no_rule_id)';
      const ar = '(msg_to_agent) [] NNS 002 {"version": 1, "origin": {"name": null, "module": "API"}, "command": "!custom.sh", "parameters": {"extra_args": ["-x"], "alert": {"data": {"srcip": "1.2.3.4"}}}}';
      await queue.send(restart);
      const failures = await queue.sendBatch([
        '(msg_to_agent) [] N!S 001 force_reconnect',
        '(msg_to_agent) [] N!S 003 syscheck restart',
        ar,
        'x'.repeat(70000),
      ]);
      expect(failures.map((f) => f?.code)).toEqual([undefined, undefined, undefined, 1012]);
      const got = await records(arLogPath(fx.paths), 4);
      expect(got.map((r) => [r.kind, r.agent, r.flags, r.command])).toEqual([
        ['restart', '001', 'NNS', 'restart-wazuh0'],
        ['reconnect', '001', 'N!S', undefined],
        ['scan', '003', 'N!S', undefined],
        ['active-response', '002', 'NNS', '!custom.sh'],
      ]);
      expect(got[0].message).toBe(restart);
    } finally {
      await fx.close();
    }
  });
});
