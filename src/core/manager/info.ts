/**
 * `GET /manager/info`: what this manager is (path, version, type, time zone), whether its databases were built
 * with OpenSSL, and the installation's unique id.
 */
import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { WazuhPaths } from '../paths';
import type { ManagerPorts, PortCallOptions } from './ports';

/** The Wazuh release this API speaks for. */
export const WAZUH_VERSION = 'v4.14.4';

export interface ManagerInfo {
  path: string;
  version: string;
  type: 'server';
  max_agents: 'unlimited';
  openssl_support: string;
  tz_offset: string | null;
  tz_name: string | null;
  uuid: string | null;
}

/** The installation id kept in `api/configuration/security/installation_uid`, created (mode 0660) on first use. */
export function getInstallationUid(paths: Pick<WazuhPaths, 'api'>): string {
  const file = paths.api.installationUid;
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const uid = randomUUID();
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, uid, { mode: 0o660 });
  chmodSync(file, 0o660);
  return uid;
}

/** `+0200` style offset of the local time zone, as `strftime('%z')` prints it. */
export function timezoneOffset(date = new Date()): string {
  const minutes = -date.getTimezoneOffset();
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}

/** The local time zone's abbreviation (`UTC`, `CET`...); Node can only give the short name its ICU data has. */
export function timezoneName(date = new Date()): string | null {
  const part = new Intl.DateTimeFormat('en-US', { timeZoneName: 'short' })
    .formatToParts(date)
    .find((item) => item.type === 'timeZoneName');
  return part?.value ?? null;
}

/** The `openssl_support` flag wazuh-db keeps in global.db; `N/A` whenever it cannot be read, as in Wazuh. */
async function opensslSupport(ports: ManagerPorts, options: PortCallOptions): Promise<string> {
  try {
    const rows = await ports.globalSql("select value from info where key = 'openssl_support'", options);
    const value = rows[0]?.value;
    return typeof value === 'string' ? value : 'N/A';
  } catch {
    return 'N/A';
  }
}

/**
 * The manager's basic information. `uuid` is the installation id on a master (or a standalone manager) and null
 * on a worker.
 */
export async function getManagerInfo(
  paths: Pick<WazuhPaths, 'root' | 'api'>,
  ports: ManagerPorts,
  options: PortCallOptions & { isMaster?: boolean } = {},
): Promise<ManagerInfo> {
  return {
    path: paths.root,
    version: WAZUH_VERSION,
    type: 'server',
    max_agents: 'unlimited',
    openssl_support: await opensslSupport(ports, options),
    tz_offset: timezoneOffset(),
    tz_name: timezoneName(),
    uuid: options.isMaster === false ? null : getInstallationUid(paths),
  };
}
