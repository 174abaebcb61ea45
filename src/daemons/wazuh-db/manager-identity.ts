/** What the manager's own row (agent 000) says about this host, filled in when a fresh global.db is created. */
import { readFileSync } from 'node:fs';
import * as os from 'node:os';

export interface ManagerIdentity {
  hostname: string;
  /** As stored in `agent.version`, e.g. `Wazuh v4.14.4`. */
  version: string;
  nodeName: string;
}

export const DEFAULT_WAZUH_VERSION = 'Wazuh v4.14.4';

export function managerIdentity(overrides: Partial<ManagerIdentity> = {}): ManagerIdentity {
  return {
    hostname: overrides.hostname ?? os.hostname(),
    version: overrides.version ?? DEFAULT_WAZUH_VERSION,
    nodeName: overrides.nodeName ?? 'node01',
  };
}

function readOsRelease(): Record<string, string> {
  const values: Record<string, string> = {};
  try {
    for (const line of readFileSync('/etc/os-release', 'utf8').split('\n')) {
      const match = /^([A-Z_]+)=(.*)$/.exec(line.trim());
      if (match) values[match[1]] = match[2].replace(/^"(.*)"$/, '$1');
    }
  } catch {
    // no os-release: the OS columns stay NULL
  }
  return values;
}

/** The `os_*` columns of the manager row, in the shapes Wazuh stores them. */
export function hostOsColumns(hostname: string): Record<string, string | null> {
  const release = readOsRelease();
  const versionId = release.VERSION_ID ?? null;
  const [major, minor] = versionId ? versionId.split('.') : [];
  const codename = /\(([^)]+)\)/.exec(release.VERSION ?? '')?.[1] ?? null;
  const versionText = release.VERSION ? release.VERSION.replace(/\s*\([^)]*\)\s*/, '').trim() || versionId : versionId;
  return {
    os_name: release.NAME ?? null,
    os_version: versionText,
    os_major: major ?? null,
    os_minor: minor ?? null,
    os_codename: codename,
    os_platform: release.ID ?? null,
    os_uname: `${os.type()} |${hostname} |${os.release()} |${os.version()} |${os.machine()}`,
    os_arch: os.machine(),
  };
}
