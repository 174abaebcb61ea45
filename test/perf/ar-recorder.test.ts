import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { DatagramQueue } from '../../src/ipc';
import { wazuhPaths } from '../../src/core/paths';
import { ArRecorder, arLogPath, type ArRecord } from '../../src/daemons/remoted/ar-queue';
import { shortTempDir, sleep, startHostFixture } from '../daemons/helpers';

const lines = (file: string): ArRecord[] =>
  existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as ArRecord) : [];

describe('active-response recorder', () => {
  it('writes lines in batches, within a few tens of milliseconds, and everything on flush', async () => {
    const tmp = shortTempDir();
    try {
      const paths = wazuhPaths(tmp.dir);
      mkdirSync(paths.logs, { recursive: true });
      const recorder = new ArRecorder(paths);
      recorder.record(Buffer.from('(msg_to_agent) [] N!S 001 force_reconnect'));
      recorder.record(Buffer.from('(msg_to_agent) [] N!S 002 force_reconnect'));
      expect(lines(arLogPath(paths))).toEqual([]);
      await sleep(60);
      expect(lines(arLogPath(paths)).map((r) => r.agent)).toEqual(['001', '002']);
      recorder.record(Buffer.from('(msg_to_agent) [] N!S 003 syscheck restart'));
      recorder.flush();
      expect(lines(arLogPath(paths)).map((r) => [r.agent, r.kind])).toEqual([
        ['001', 'reconnect'],
        ['002', 'reconnect'],
        ['003', 'scan'],
      ]);
    } finally {
      tmp.cleanup();
    }
  });

  it('records a burst of 5000 datagrams in order', async () => {
    const fx = await startHostFixture();
    try {
      const queue = new DatagramQueue({ path: fx.paths.sockets.activeResponse });
      const ids = Array.from({ length: 5000 }, (_, i) => String(i + 1).padStart(3, '0'));
      const failures = await queue.sendBatch(ids.map((id) => `(msg_to_agent) [] N!S ${id} force_reconnect`));
      expect(failures.filter(Boolean)).toEqual([]);
      let got: ArRecord[] = [];
      for (let i = 0; i < 100 && got.length < ids.length; i++) {
        await sleep(10);
        got = lines(arLogPath(fx.paths));
      }
      expect(got.map((r) => r.agent)).toEqual(ids);
    } finally {
      await fx.close();
    }
  });
});
