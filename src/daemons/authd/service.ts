/**
 * The wazuh-authd stand-in's request handling (protocol.md §4): `add`, `remove` and `get` over JSON, with authd's
 * checks (name, IP, duplicates by id/IP/name, the manager's own name) and its force-replacement rules, keeping
 * `etc/client.keys` and the agent rows in global.db in step.
 */
import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import type { WazuhPaths } from '../../core/paths';
import type { WazuhDb } from '../wazuh-db/service';
import { ClientKeys, type KeyEntry } from './client-keys';

/** authd's error table (code and text as it answers them). */
export const AUTHD_ERRORS = {
  internal: [9001, 'Internal error'],
  json: [9002, 'Parsing JSON input'],
  noFunction: [9003, 'No such function'],
  noArgument: [9004, 'No such argument'],
  noName: [9005, 'No such name'],
  noIp: [9006, 'No such IP'],
  duplicateIp: [9007, 'Duplicate IP'],
  duplicateName: [9008, 'Duplicate name'],
  key: [9009, 'Issue generating key'],
  noId: [9010, 'No such agent ID'],
  noAgent: [9011, 'Agent ID not found'],
  duplicateId: [9012, 'Duplicate ID'],
  agentLimit: [9013, 'Maximum number of agents reached'],
  invalidGroup: [9014, 'Invalid Group(s) Name(s)'],
  workerNode: [9015, 'Cannot execute this request on a worker node'],
} as const;

type AuthdErrorName = keyof typeof AUTHD_ERRORS;

class AuthdFailure extends Error {
  constructor(readonly kind: AuthdErrorName) {
    super(AUTHD_ERRORS[kind][1]);
  }
}

export interface ForceOptions {
  enabled: boolean;
  keyMismatch: boolean;
  disconnectedTimeEnabled: boolean;
  disconnectedTime: number;
  afterRegistrationTime: number;
}

/** authd's `<force>` defaults, used when a request carries no `force` object. */
export const DEFAULT_FORCE: ForceOptions = {
  enabled: true,
  keyMismatch: true,
  disconnectedTimeEnabled: true,
  disconnectedTime: 3600,
  afterRegistrationTime: 3600,
};

const MAX_NAME_LENGTH = 128;
const MAX_GROUPS = 128;

/** `30`, `30s`, `10m`, `1h`, `2d` → seconds; undefined when malformed. */
export function parseInterval(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return Math.trunc(value);
  if (typeof value !== 'string') return undefined;
  const match = /^(\d+)([smhd]?)$/.exec(value.trim());
  if (!match) return undefined;
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[match[2]] as number;
  return Number(match[1]) * unit;
}

function parseForce(value: unknown): ForceOptions {
  if (value === undefined) return DEFAULT_FORCE;
  if (typeof value !== 'object' || value === null) throw new AuthdFailure('json');
  const force = value as Record<string, unknown>;
  const bool = (v: unknown, fallback: boolean) => (v === undefined ? fallback : v === true || v === 1);
  const disconnected = (force.disconnected_time ?? {}) as Record<string, unknown>;
  if (typeof disconnected !== 'object' || disconnected === null) throw new AuthdFailure('json');
  const disconnectedTime =
    disconnected.value === undefined ? DEFAULT_FORCE.disconnectedTime : parseInterval(disconnected.value);
  const afterRegistration =
    force.after_registration_time === undefined
      ? DEFAULT_FORCE.afterRegistrationTime
      : parseInterval(force.after_registration_time);
  if (disconnectedTime === undefined || afterRegistration === undefined) throw new AuthdFailure('json');
  return {
    enabled: bool(force.enabled, DEFAULT_FORCE.enabled),
    keyMismatch: bool(force.key_mismatch, DEFAULT_FORCE.keyMismatch),
    disconnectedTimeEnabled: bool(disconnected.enabled, DEFAULT_FORCE.disconnectedTimeEnabled),
    disconnectedTime,
    afterRegistrationTime: afterRegistration,
  };
}

/** `any`, an IPv4/IPv6 address, or a network in CIDR form. */
export function validAgentIp(ip: string): boolean {
  if (ip === 'any') return true;
  const [address, mask, extra] = ip.split('/');
  if (extra !== undefined) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (mask === undefined) return true;
  if (!/^\d+$/.test(mask)) return false;
  return Number(mask) <= (family === 4 ? 32 : 128);
}

export function validAgentName(name: string): boolean {
  return name.length > 0 && name.length <= MAX_NAME_LENGTH && /^[A-Za-z0-9._-]+$/.test(name);
}

export class AuthdService {
  private readonly keys: ClientKeys;

  constructor(
    private readonly paths: WazuhPaths,
    private readonly wdb: WazuhDb,
    private readonly managerName: string,
    private readonly now: () => number = () => Math.floor(Date.now() / 1000),
  ) {
    this.keys = new ClientKeys(paths.clientKeys);
  }

  /** One request of the local socket: JSON functions, or the plain `getconfig` commands. */
  handle(request: string): string {
    if (!request.startsWith('{')) return this.plainCommand(request.trim());
    try {
      let message: { function?: unknown; arguments?: unknown };
      try {
        message = JSON.parse(request) as typeof message;
      } catch {
        throw new AuthdFailure('json');
      }
      if (typeof message.function !== 'string') throw new AuthdFailure('noFunction');
      const args = message.arguments;
      if (args === undefined || typeof args !== 'object' || args === null) throw new AuthdFailure('noArgument');
      this.keys.refresh();
      switch (message.function) {
        case 'add':
          return JSON.stringify({ error: 0, data: this.add(args as Record<string, unknown>) });
        case 'remove':
          return JSON.stringify({ error: 0, data: this.remove(args as Record<string, unknown>) });
        case 'get':
          return JSON.stringify({ error: 0, data: this.get(args as Record<string, unknown>) });
        default:
          throw new AuthdFailure('noFunction');
      }
    } catch (error) {
      const kind: AuthdErrorName = error instanceof AuthdFailure ? error.kind : 'internal';
      const [code, text] = AUTHD_ERRORS[kind];
      return JSON.stringify({ error: code, message: text });
    }
  }

  private add(args: Record<string, unknown>): { id: string; name: string; ip: string; key: string } {
    if (typeof args.name !== 'string') throw new AuthdFailure('noName');
    if (typeof args.ip !== 'string') throw new AuthdFailure('noIp');
    const name = args.name;
    const ip = args.ip.toLowerCase();
    if (!validAgentName(name)) throw new AuthdFailure('noName');
    if (!validAgentIp(ip)) throw new AuthdFailure('noIp');
    let requestedId: string | undefined;
    if (args.id !== undefined) {
      if (typeof args.id !== 'string' || !/^\d+$/.test(args.id)) throw new AuthdFailure('noId');
      requestedId = args.id.padStart(3, '0');
    }
    const key = args.key === undefined ? randomBytes(32).toString('hex') : args.key;
    if (typeof key !== 'string' || key === '' || /\s/.test(key)) throw new AuthdFailure('key');
    const groups = args.groups === undefined ? undefined : this.validGroups(args.groups);
    const force = parseForce(args.force);

    if (requestedId !== undefined) {
      const holder = this.keys.active(requestedId);
      if (holder && !this.replace(holder, force)) throw new AuthdFailure('duplicateId');
    }
    if (ip !== 'any') {
      const holder = this.keys.activeByIp(ip);
      if (holder && !this.replace(holder, force)) throw new AuthdFailure('duplicateIp');
    }
    if (name === this.managerName) throw new AuthdFailure('duplicateName');
    const sameName = this.keys.activeByName(name);
    if (sameName && !this.replace(sameName, force)) throw new AuthdFailure('duplicateName');

    const id = requestedId ?? this.nextId();
    const numericId = Number(id);
    if (this.wdb.agentExists(numericId)) this.wdb.deleteAgent(numericId); // a row without a key line is stale
    this.keys.add({ id, name, ip, key });
    try {
      this.wdb.insertAgent({ id: numericId, name, registerIp: ip, internalKey: key, dateAdd: this.now() });
      this.wdb.setAgentGroups('override', 'synced', [{ id: numericId, groups: groups ?? ['default'] }]);
    } catch {
      this.keys.remove(id, true);
      throw new AuthdFailure('internal');
    }
    return { id, name, ip, key };
  }

  private remove(args: Record<string, unknown>): string {
    if (typeof args.id !== 'string' || args.id === '') throw new AuthdFailure('noId');
    const id = /^\d+$/.test(args.id) ? args.id.padStart(3, '0') : args.id;
    const entry = this.keys.active(id);
    if (!entry) throw new AuthdFailure('noAgent');
    this.forget(entry, args.purge === true);
    return 'Agent deleted successfully.';
  }

  private get(args: Record<string, unknown>): { id: string; name: string; ip: string; key: string } {
    if (typeof args.id !== 'string') throw new AuthdFailure('noId');
    const entry = this.keys.active(/^\d+$/.test(args.id) ? args.id.padStart(3, '0') : args.id);
    if (!entry) throw new AuthdFailure('noAgent');
    return { id: entry.id, name: entry.name, ip: entry.ip, key: entry.key };
  }

  private forget(entry: KeyEntry, purge: boolean): void {
    this.keys.remove(entry.id, purge);
    this.wdb.deleteAgent(Number(entry.id));
  }

  /** authd's rules for replacing an existing agent that holds the id, IP or name a new one asks for. */
  private replace(holder: KeyEntry, force: ForceOptions): boolean {
    if (!force.enabled) return false;
    const row = this.wdb.agentRow(Number(holder.id));
    if (!row) return false;
    const now = this.now();
    if (force.disconnectedTimeEnabled && row.connection_status !== 'never_connected') {
      const disconnectedAt = row.disconnection_time ?? 0;
      if (row.connection_status === 'disconnected' && disconnectedAt > 0 && now - disconnectedAt < force.disconnectedTime) {
        return false;
      }
      if (disconnectedAt === 0) return false;
    }
    if (force.afterRegistrationTime > 0 && now - row.date_add < force.afterRegistrationTime) return false;
    this.forget(holder, false);
    return true;
  }

  private validGroups(value: unknown): string[] {
    if (typeof value !== 'string') throw new AuthdFailure('invalidGroup');
    const groups = [...new Set(value.split(',').map((g) => g.trim()).filter(Boolean))];
    if (groups.length === 0 || groups.length > MAX_GROUPS) throw new AuthdFailure('invalidGroup');
    for (const group of groups) {
      if (!/^[A-Za-z0-9._-]+$/.test(group) || group === '.' || group === '..') throw new AuthdFailure('invalidGroup');
      try {
        if (!statSync(join(this.paths.shared, group)).isDirectory()) throw new AuthdFailure('invalidGroup');
      } catch {
        throw new AuthdFailure('invalidGroup');
      }
    }
    return groups;
  }

  private nextId(): string {
    const fromDb = this.wdb.store.global.statement('SELECT MAX(id) FROM agent').pluck(true).get() as number | null;
    return String(Math.max(this.keys.maxId, fromDb ?? 0) + 1).padStart(3, '0');
  }

  /** Plain-text commands of the same socket (`getconfig auth`). */
  private plainCommand(command: string): string {
    const [verb, section] = command.split(/\s+/);
    if (verb !== 'getconfig') return 'err Unrecognized command';
    if (section !== 'auth') return 'err Could not get requested section';
    return `ok ${JSON.stringify({ auth: AUTH_CONFIG })}`;
  }
}

/** The `<auth>` defaults of a stock manager, for `getconfig auth`. */
const AUTH_CONFIG = {
  disabled: 'no',
  port: 1515,
  use_source_ip: 'no',
  purge: 'yes',
  use_password: 'no',
  ciphers: 'HIGH:!ADH:!EXP:!MD5:!RC4:!3DES:!CAMELLIA:@STRENGTH',
  ssl_verify_host: 'no',
  ssl_manager_cert: 'etc/sslmanager.cert',
  ssl_manager_key: 'etc/sslmanager.key',
  ssl_auto_negotiate: 'no',
  force: {
    enabled: 'yes',
    key_mismatch: 'yes',
    disconnected_time: { enabled: 'yes', value: 3600 },
    after_registration_time: 3600,
  },
};
