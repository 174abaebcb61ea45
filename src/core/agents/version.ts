/**
 * Agent versions as agents report them (`Wazuh v4.7.2`, also `v4.7.2` or `4.7.2`, with an optional `-alpha1`,
 * `-beta2` or `-rc3`), and the versions that decide what an agent can be asked or sent.
 */

/** Agents from this version on take JSON active-response messages (older ones get `<command> <args>` lines). */
export const JSON_AR_VERSION = 'Wazuh v4.2.0';
/** Agents older than this cannot report their running configuration. */
export const ACTIVE_CONFIG_VERSION = 'Wazuh v3.7.0';

export interface WazuhVersion {
  parts: [number, number, number];
  /** `alpha`, `beta`, `rc` pre-releases sort before the release. */
  pre?: { kind: string; number: number };
}

const VERSION = /^(?:wazuh )?v?(\d+)\.(\d+)\.(\d+)-?(alpha|beta|rc)?(\d*)/i;

/** The version in `text`, or undefined when it holds none (no version reported, or not a version). */
export function parseWazuhVersion(text: unknown): WazuhVersion | undefined {
  if (typeof text !== 'string') return undefined;
  const match = VERSION.exec(text.trim());
  if (!match) return undefined;
  const parsed: WazuhVersion = { parts: [Number(match[1]), Number(match[2]), Number(match[3])] };
  if (match[4]) parsed.pre = { kind: match[4].toLowerCase(), number: Number(match[5] || 0) };
  return parsed;
}

/**
 * Negative when `a` is older than `b`, 0 when equal, positive when newer. `Wazuh v4.7.0`, `v4.7.0` and `4.7.0` are
 * the same version. Throws on text that is not a version.
 */
export function compareWazuhVersions(a: string, b: string): number {
  const left = parseWazuhVersion(a);
  const right = parseWazuhVersion(b);
  if (!left || !right) throw new Error(`not a Wazuh version: ${left ? b : a}`);
  for (let i = 0; i < 3; i++) if (left.parts[i] !== right.parts[i]) return left.parts[i] - right.parts[i];
  if (!left.pre || !right.pre) return (left.pre ? -1 : 0) + (right.pre ? 1 : 0);
  if (left.pre.kind !== right.pre.kind) return left.pre.kind < right.pre.kind ? -1 : 1;
  return left.pre.number - right.pre.number;
}

/** Whether an agent's reported `version` is `minimum` or newer; false when it reported none. */
export function versionAtLeast(version: unknown, minimum: string): boolean {
  return parseWazuhVersion(version) !== undefined && compareWazuhVersions(version as string, minimum) >= 0;
}
