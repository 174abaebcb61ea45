/**
 * Fills an install (WAZUH_PATH) with a realistic fleet of agents, for demos and load tests:
 *
 *   npm run seed -- --agents 10000 [--wazuh-path <dir>] [--seed 42]
 *
 * Agents are written straight into `queue/db/global.db` (one transaction, prepared statements) together with
 * their `etc/client.keys` lines, their groups (`group`/`belongs` rows, `etc/shared/<group>/` folders with
 * `agent.conf` and `merged.mg`, `var/multigroups/<hash>/merged.mg`) — the state authd, remoted and wazuh-db would
 * have built over time. The database is created by the embedded wazuh-db's own store (Wazuh's DDL) when missing.
 * Run it while the daemons are stopped. The fleet is drawn from a seeded generator, so a given seed always gives
 * the same fleet.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { wazuhPathFromEnv, wazuhPaths, type WazuhPaths } from '../src/core/paths';
import { ensureDaemonLayout } from '../src/daemons/layout';
import { WdbStore } from '../src/daemons/wazuh-db/store';
import { managerIdentity } from '../src/daemons/wazuh-db/manager-identity';
import { seededRandom } from '../src/core/seeded-random';
import { seedActivity } from './seed-activity';

export interface SeedOptions {
  agents: number;
  /** Generator seed (default 1). */
  seed?: number;
  /** "Now" in epoch seconds for keep-alives and registration dates (default: the clock). */
  now?: number;
  /** Name of the manager the agents report to (default: the manager row's name). */
  managerHost?: string;
}

export interface SeedSummary {
  firstId: number;
  lastId: number;
  groups: string[];
  milliseconds: number;
}

type Weighted<T> = Array<[weight: number, value: T]>;

function picker<T>(table: Weighted<T>): (r: number) => T {
  const total = table.reduce((sum, [weight]) => sum + weight, 0);
  return (r) => {
    let at = r * total;
    for (const [weight, value] of table) {
      if (at < weight) return value;
      at -= weight;
    }
    return table[table.length - 1][1];
  };
}

interface OsProfile {
  name: string;
  version: string;
  major: string;
  minor: string | null;
  codename: string | null;
  build: string | null;
  platform: string;
  arch: string;
  family: 'linux' | 'windows' | 'macos';
  kernel: string;
}

const OS_MIX: Weighted<OsProfile> = [
  [28, { name: 'Ubuntu', version: '22.04.4 LTS', major: '22', minor: '04', codename: 'Jammy Jellyfish', build: null, platform: 'ubuntu', arch: 'x86_64', family: 'linux', kernel: '5.15.0-105-generic' }],
  [9, { name: 'Ubuntu', version: '20.04.6 LTS', major: '20', minor: '04', codename: 'Focal Fossa', build: null, platform: 'ubuntu', arch: 'x86_64', family: 'linux', kernel: '5.4.0-174-generic' }],
  [6, { name: 'Ubuntu', version: '24.04 LTS', major: '24', minor: '04', codename: 'Noble Numbat', build: null, platform: 'ubuntu', arch: 'aarch64', family: 'linux', kernel: '6.8.0-31-generic' }],
  [10, { name: 'Debian GNU/Linux', version: '12', major: '12', minor: null, codename: 'bookworm', build: null, platform: 'debian', arch: 'x86_64', family: 'linux', kernel: '6.1.0-18-amd64' }],
  [9, { name: 'Red Hat Enterprise Linux', version: '9.3', major: '9', minor: '3', codename: 'Plow', build: null, platform: 'rhel', arch: 'x86_64', family: 'linux', kernel: '5.14.0-362.8.1.el9_3.x86_64' }],
  [5, { name: 'CentOS Stream', version: '9', major: '9', minor: null, codename: null, build: null, platform: 'centos', arch: 'x86_64', family: 'linux', kernel: '5.14.0-427.el9.x86_64' }],
  [4, { name: 'Amazon Linux', version: '2023', major: '2023', minor: null, codename: null, build: null, platform: 'amzn', arch: 'x86_64', family: 'linux', kernel: '6.1.82-99.168.amzn2023.x86_64' }],
  [12, { name: 'Microsoft Windows 10 Enterprise', version: '10.0.19045.4170', major: '10', minor: '0', codename: null, build: '19045.4170', platform: 'windows', arch: 'x86_64', family: 'windows', kernel: '10.0.19045.4170' }],
  [7, { name: 'Microsoft Windows 11 Pro', version: '10.0.22631.3296', major: '10', minor: '0', codename: null, build: '22631.3296', platform: 'windows', arch: 'x86_64', family: 'windows', kernel: '10.0.22631.3296' }],
  [6, { name: 'Microsoft Windows Server 2022 Datacenter', version: '10.0.20348.2340', major: '10', minor: '0', codename: null, build: '20348.2340', platform: 'windows', arch: 'x86_64', family: 'windows', kernel: '10.0.20348.2340' }],
  [4, { name: 'macOS', version: '14.4.1', major: '14', minor: '4', codename: 'Sonoma', build: '23E224', platform: 'darwin', arch: 'arm64', family: 'macos', kernel: '23.4.0' }],
];

const VERSION_MIX: Weighted<string> = [
  [62, 'Wazuh v4.14.4'],
  [14, 'Wazuh v4.13.1'],
  [9, 'Wazuh v4.9.2'],
  [8, 'Wazuh v4.7.5'],
  [5, 'Wazuh v4.3.11'],
  [2, 'Wazuh v4.1.5'],
];

const STATUS_MIX: Weighted<'active' | 'disconnected' | 'never_connected' | 'pending'> = [
  [72, 'active'],
  [19, 'disconnected'],
  [7, 'never_connected'],
  [2, 'pending'],
];

const ROLES: Record<OsProfile['family'], Weighted<[prefix: string, group: string]>> = {
  linux: [[5, ['web', 'webservers']], [3, ['db', 'databases']], [4, ['app', 'apps']], [2, ['k8s', 'k8s-nodes']], [1, ['mail', 'dmz']]],
  windows: [[6, ['ws', 'workstations']], [2, ['dc', 'domain-controllers']], [1, ['sql', 'databases']], [1, ['rdp', 'dmz']]],
  macos: [[1, ['mac', 'workstations']]],
};

const OS_GROUP: Record<OsProfile['family'], string> = { linux: 'linux', windows: 'windows', macos: 'macos' };
const SITES = ['fra1', 'nyc3', 'sgp1', 'lon1', 'sfo2', 'tor1', 'blr1', 'ams3'];

export const SEED_GROUPS = [
  'default',
  'linux',
  'windows',
  'macos',
  'webservers',
  'databases',
  'apps',
  'k8s-nodes',
  'dmz',
  'workstations',
  'domain-controllers',
];

function md5(text: string): string {
  return createHash('md5').update(text).digest('hex');
}

function agentConfFor(group: string): string {
  return `<agent_config>\n  <!-- Shared configuration of group ${group} -->\n  <labels>\n    <label key="group">${group}</label>\n  </labels>\n</agent_config>\n`;
}

function mergedFor(groups: readonly string[]): string {
  const parts = groups.map((group) => {
    const conf = agentConfFor(group);
    return `!${Buffer.byteLength(conf)} agent.conf\n${conf}`;
  });
  return `#${groups.join(',')}\n${parts.join('')}`;
}

function multigroupHash(groups: readonly string[]): string {
  return createHash('sha256').update(groups.join(',')).digest('hex').slice(0, 8);
}

/** Group folders with their files; returns md5 of `merged.mg` and `agent.conf` per group list. */
function writeGroupFiles(paths: WazuhPaths, groups: readonly string[]): void {
  for (const group of groups) {
    const folder = join(paths.shared, group);
    mkdirSync(folder, { recursive: true });
    if (!existsSync(join(folder, 'agent.conf'))) writeFileSync(join(folder, 'agent.conf'), agentConfFor(group), { mode: 0o660 });
    writeFileSync(join(folder, 'merged.mg'), mergedFor([group]), { mode: 0o660 });
  }
}

function writeMultigroup(paths: WazuhPaths, groups: readonly string[]): void {
  const folder = join(paths.multigroups, multigroupHash(groups));
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'merged.mg'), mergedFor(groups), { mode: 0o660 });
}

function hex(random: () => number, length: number): string {
  let out = '';
  while (out.length < length) out += Math.floor(random() * 0x100000000).toString(16).padStart(8, '0');
  return out.slice(0, length);
}

export function seedFleet(wazuhPath: string, options: SeedOptions): SeedSummary {
  const started = Date.now();
  const paths = wazuhPaths(wazuhPath);
  ensureDaemonLayout(paths);
  // The daemon's own store creates global.db (schema, manager row, indexes) when it does not exist yet.
  new WdbStore(paths, managerIdentity()).close();

  const random = seededRandom(options.seed ?? 1);
  const now = options.now ?? Math.floor(Date.now() / 1000);
  const pickOs = picker(OS_MIX);
  const pickVersion = picker(VERSION_MIX);
  const pickStatus = picker(STATUS_MIX);
  const pickRole = Object.fromEntries(
    Object.entries(ROLES).map(([family, table]) => [family, picker(table)]),
  ) as Record<OsProfile['family'], (r: number) => [string, string]>;

  writeGroupFiles(paths, SEED_GROUPS);
  const db = new Database(paths.globalDb);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 10000');
  db.pragma('cache_size = -200000');

  const managerRow = db.prepare('SELECT name FROM agent WHERE id = 0').get() as { name?: string } | undefined;
  const managerHost = options.managerHost ?? managerRow?.name ?? 'wazuh-manager';
  const maxId = (db.prepare('SELECT COALESCE(MAX(id), 0) AS max FROM agent').get() as { max: number }).max;
  const firstId = maxId + 1;
  const lastId = maxId + options.agents;

  const insertGroup = db.prepare('INSERT OR IGNORE INTO `group` (name) VALUES (?)');
  const groupId = db.prepare('SELECT id FROM `group` WHERE name = ?');
  const insertAgent = db.prepare(
    `INSERT INTO agent (id, name, ip, register_ip, internal_key, os_name, os_version, os_major, os_minor, os_codename,
       os_build, os_platform, os_uname, os_arch, version, config_sum, merged_sum, manager_host, node_name, date_add,
       last_keepalive, \`group\`, group_hash, group_sync_status, sync_status, connection_status, disconnection_time,
       group_config_status, status_code)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'synced', 'synced', ?, ?, ?, 0)`,
  );
  const insertBelongs = db.prepare('INSERT INTO belongs (id_agent, id_group, priority) VALUES (?, ?, ?)');

  const sums = new Map<string, { config: string; merged: string; hash: string }>();
  const sumsOf = (groups: string[]) => {
    const key = groups.join(',');
    let entry = sums.get(key);
    if (!entry) {
      if (groups.length > 1) writeMultigroup(paths, groups);
      entry = { config: md5(agentConfFor(groups[groups.length - 1])), merged: md5(mergedFor(groups)), hash: multigroupHash(groups) };
      sums.set(key, entry);
    }
    return entry;
  };

  const keyLines: string[] = [];
  const flushKeys = () => {
    if (keyLines.length === 0) return;
    appendFileSync(paths.clientKeys, `${keyLines.join('\n')}\n`);
    keyLines.length = 0;
  };
  const TWO_YEARS = 2 * 365 * 86400;

  db.transaction(() => {
    const groupIds = new Map<string, number>();
    for (const group of SEED_GROUPS) {
      insertGroup.run(group);
      groupIds.set(group, (groupId.get(group) as { id: number }).id);
    }
    for (let id = firstId; id <= lastId; id++) {
      const os = pickOs(random());
      const [prefix, roleGroup] = pickRole[os.family](random());
      const name = `${prefix}-${SITES[Math.floor(random() * SITES.length)]}-${String(id).padStart(6, '0')}`;
      const ip = `10.${(id >> 16) & 255}.${(id >> 8) & 255}.${id & 255}`;
      const registerIp = random() < 0.7 ? 'any' : ip;
      const key = hex(random, 64);
      const shape = random();
      const groups =
        shape < 0.55 ? ['default'] : shape < 0.8 ? ['default', OS_GROUP[os.family]] : shape < 0.95 ? ['default', OS_GROUP[os.family], roleGroup] : [roleGroup];
      const status = pickStatus(random());
      const dateAdd = now - Math.floor(random() * TWO_YEARS) - 3600;
      let keepalive: number | null = null;
      let disconnection = 0;
      if (status === 'active') keepalive = now - Math.floor(random() * 60);
      else if (status === 'disconnected') {
        keepalive = Math.max(dateAdd + 60, now - 3600 - Math.floor(random() * 30 * 86400));
        disconnection = keepalive + 60;
      } else if (status === 'pending') keepalive = now - Math.floor(random() * 30);
      const seen = status !== 'never_connected';
      const version = seen ? pickVersion(random()) : null;
      const entry = sumsOf(groups);
      const synced = seen && random() < 0.93;
      const uname =
        os.family === 'windows'
          ? `${os.name} |${name} |${os.kernel} |x86_64`
          : `${os.family === 'macos' ? 'Darwin' : 'Linux'} |${name} |${os.kernel} |#1 SMP |${os.arch}`;
      insertAgent.run(
        id,
        name,
        seen ? ip : null,
        registerIp,
        key,
        seen ? os.name : null,
        seen ? os.version : null,
        seen ? os.major : null,
        seen ? os.minor : null,
        seen ? os.codename : null,
        seen ? os.build : null,
        seen ? os.platform : null,
        seen ? uname : null,
        seen ? os.arch : null,
        version,
        seen ? (synced ? entry.config : md5(`${id}:config`)) : null,
        seen ? (synced ? entry.merged : md5(`${id}:merged`)) : null,
        seen ? managerHost : null,
        'node01',
        dateAdd,
        keepalive,
        groups.join(','),
        entry.hash,
        status,
        disconnection,
        synced ? 'synced' : 'not synced',
      );
      groups.forEach((group, priority) => insertBelongs.run(id, groupIds.get(group) as number, priority));
      keyLines.push(`${String(id).padStart(3, '0')} ${name} ${registerIp} ${key}`);
      if (keyLines.length >= 50_000) flushKeys();
    }
  })();
  flushKeys();
  // Planner statistics, as a bulk load should leave them: without them SQLite assumes an equality filter keeps a
  // handful of rows and picks plans that sort every match of `status=active` for each page.
  db.exec('ANALYZE');
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return { firstId, lastId, groups: [...SEED_GROUPS], milliseconds: Date.now() - started };
}

const USAGE = 'usage: npm run seed -- --agents <n> [--wazuh-path <dir>] [--seed <n>] [--activity <agents>]';
/** Agents that get FIM and rootcheck data by default (per-agent databases cost ~0.5 MB each). */
const DEFAULT_ACTIVITY_AGENTS = 25;

export function parseArguments(argv: string[]): { agents: number; wazuhPath: string; seed: number; activity: number } {
  let agents: number | undefined;
  let wazuhPath: string | undefined;
  let seed = 1;
  let activity = DEFAULT_ACTIVITY_AGENTS;
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => {
      const text = inline ?? argv[++i];
      if (text === undefined) throw new Error(`${flag} needs a value\n${USAGE}`);
      return text;
    };
    if (flag === '--agents') agents = Number(value());
    else if (flag === '--wazuh-path') wazuhPath = value();
    else if (flag === '--seed') seed = Number(value());
    else if (flag === '--activity') activity = Number(value());
    else throw new Error(`unexpected argument ${argv[i]}\n${USAGE}`);
  }
  if (agents === undefined || !Number.isInteger(agents) || agents < 0) throw new Error(USAGE);
  if (!Number.isInteger(seed) || !Number.isInteger(activity) || activity < 0) throw new Error(USAGE);
  return { agents, seed, activity, wazuhPath: wazuhPath ? resolve(wazuhPath) : wazuhPathFromEnv() };
}

function main(): number {
  let options: ReturnType<typeof parseArguments>;
  try {
    options = parseArguments(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 2;
  }
  const summary = seedFleet(options.wazuhPath, { agents: options.agents, seed: options.seed });
  process.stdout.write(
    `seeded agents ${summary.firstId}..${summary.lastId} into ${options.wazuhPath} in ${summary.milliseconds} ms\n`,
  );
  const activity = seedActivity(wazuhPaths(options.wazuhPath), {
    sampleAgents: options.activity,
    seed: options.seed,
    now: Math.floor(Date.now() / 1000),
  });
  process.stdout.write(
    `wrote FIM and rootcheck data for ${activity.agentDatabases.length} agents, statistics and ${activity.logLines} ossec.log lines\n`,
  );
  return 0;
}

if (require.main === module) process.exitCode = main();
