import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { clusterStatus, isMasterNode, localNodeInfo, resultNodeId, systemNodes } from '../../src/core/cluster';
import { WazuhError } from '../../src/core/errors';
import { clusterSettings } from '../../src/core/ossec-conf';
import { wazuhPaths } from '../../src/core/paths';

describe('cluster on a single node', () => {
  let root: string;
  let paths: ReturnType<typeof wazuhPaths>;
  beforeEach(() => {
    root = mkdtempSync('/tmp/wc-');
    paths = wazuhPaths(root);
    mkdirSync(paths.varRun, { recursive: true });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const disabled = clusterSettings(undefined);
  const enabled = clusterSettings({ name: 'wazuh', node_name: 'master-a', node_type: 'master', disabled: 'no', key: 'k'.repeat(32) });

  it('reports enabled from the configuration and running from the clusterd pid file', () => {
    expect(clusterStatus(disabled, paths)).toEqual({ enabled: 'no', running: 'no' });
    expect(clusterStatus(enabled, paths)).toEqual({ enabled: 'yes', running: 'no' });
    writeFileSync(join(paths.varRun, `wazuh-clusterd-${process.pid}.pid`), '');
    expect(clusterStatus(enabled, paths)).toEqual({ enabled: 'yes', running: 'yes' });
    expect(clusterStatus(enabled, paths, { procDir: join(root, 'nowhere') })).toEqual({ enabled: 'yes', running: 'no' });
  });

  it('has no nodes to offer without a running cluster: 3013', async () => {
    await expect(systemNodes(disabled, undefined)).rejects.toMatchObject({ code: 3013, httpStatus: 400 });
    await expect(systemNodes(enabled, undefined)).rejects.toMatchObject({ code: 3013 });
    const unreachable = { nodeNames: async () => Promise.reject(new WazuhError(3012)) };
    await expect(systemNodes(enabled, unreachable)).rejects.toMatchObject({ code: 3013 });
    await expect(systemNodes(enabled, { nodeNames: async () => ['master-a', 'worker-1'] })).resolves.toEqual([
      'master-a',
      'worker-1',
    ]);
  });

  it('names nodes as Wazuh does', () => {
    expect(resultNodeId(disabled)).toBe('manager');
    expect(resultNodeId(enabled)).toBe('master-a');
    expect(localNodeInfo(enabled)).toEqual({ node: 'master-a', cluster: 'wazuh', type: 'master' });
    expect(isMasterNode(disabled)).toBe(true);
    expect(isMasterNode(clusterSettings({ node_type: 'worker', disabled: 'no' }))).toBe(false);
  });
});
