/**
 * wazuh-db's own counters for JSON `getstats`: how many queries of each kind arrived and how long they took, in
 * the shape of `metrics.queries` / `metrics.time` of the real daemon (only the branches this stand-in serves).
 */

type Tree = { [key: string]: number | Tree };

export type WdbActorName = 'agent' | 'global' | 'mitre' | 'task' | 'wazuhdb';

function skeleton(): Tree {
  return {
    agent: 0,
    agent_breakdown: {
      db: { begin: 0, close: 0, commit: 0, remove: 0, sql: 0 },
      tables: { rootcheck: { rootcheck: 0 } },
    },
    global: 0,
    global_breakdown: {
      db: { backup: 0, sql: 0 },
      tables: {
        agent: { 'delete-agent': 0, 'insert-agent': 0, 'set-agent-groups': 0 },
        belongs: { 'get-group-agents': 0 },
      },
    },
    mitre: 0,
    mitre_breakdown: { db: { sql: 0 } },
    task: 0,
    task_breakdown: { db: { sql: 0 } },
    wazuhdb: 0,
    wazuhdb_breakdown: { db: { remove: 0 } },
  };
}

function add(tree: Tree, path: string[], amount: number): void {
  let node = tree;
  for (let i = 0; i < path.length - 1; i++) {
    const next = node[path[i]];
    if (typeof next !== 'object') node[path[i]] = {};
    node = node[path[i]] as Tree;
  }
  const leaf = path[path.length - 1];
  node[leaf] = ((node[leaf] as number | undefined) ?? 0) + amount;
}

export class WdbStats {
  readonly startedAt = Math.floor(Date.now() / 1000);
  private received = 0;
  private execution = 0;
  private readonly receivedBreakdown = skeleton();
  private readonly timeBreakdown = skeleton();

  /** One query of `actor`, classified by `path` under `<actor>_breakdown` (e.g. `['db','sql']`). */
  record(actor: WdbActorName, path: string[], elapsedMs: number): void {
    this.received++;
    this.execution += elapsedMs;
    add(this.receivedBreakdown, [actor], 1);
    add(this.receivedBreakdown, [`${actor}_breakdown`, ...path], 1);
    add(this.timeBreakdown, [actor], elapsedMs);
    add(this.timeBreakdown, [`${actor}_breakdown`, ...path], elapsedMs);
  }

  /** A query that was rejected before reaching a database still counts as received. */
  recordUnclassified(): void {
    this.received++;
  }

  snapshot(): Record<string, unknown> {
    const roundTree = (tree: Tree): Tree =>
      Object.fromEntries(
        Object.entries(tree).map(([k, v]) => [k, typeof v === 'number' ? Math.round(v) : roundTree(v)]),
      );
    return {
      uptime: this.startedAt,
      timestamp: Math.floor(Date.now() / 1000),
      name: 'wazuh-db',
      metrics: {
        queries: { received: this.received, received_breakdown: structuredClone(this.receivedBreakdown) },
        time: { execution: Math.round(this.execution), execution_breakdown: roundTree(this.timeBreakdown) },
      },
    };
  }
}
