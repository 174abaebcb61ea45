/**
 * `api/configuration/security/security.yaml`: the token lifetime and the RBAC mode. Read once and kept in memory;
 * writes go through here so the cached copy can never disagree with the file.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { dump, load } from 'js-yaml';
import { WazuhError } from '../core/errors';

export type RbacMode = 'white' | 'black';

export interface SecurityConfig {
  auth_token_exp_timeout: number;
  rbac_mode: RbacMode;
}

export const DEFAULT_SECURITY_CONFIG: Readonly<SecurityConfig> = Object.freeze({
  auth_token_exp_timeout: 900,
  rbac_mode: 'white',
});

/** The API refuses shorter token lifetimes. */
export const MIN_TOKEN_TIMEOUT = 30;

const KEYS = new Set(['auth_token_exp_timeout', 'rbac_mode']);

/** Checks a partial configuration as the API receives it; a bad key or value is a 4000-range user error. */
export function validateSecurityConfig(input: unknown): Partial<SecurityConfig> {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new WazuhError(4021, { extra: 'the security configuration must be an object' });
  }
  const out: Partial<SecurityConfig> = {};
  for (const [key, value] of Object.entries(input as Record<string, unknown>)) {
    if (!KEYS.has(key)) throw new WazuhError(4021, { extra: `unknown option ${key}` });
    if (key === 'auth_token_exp_timeout') {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < MIN_TOKEN_TIMEOUT) {
        throw new WazuhError(4021, { extra: `auth_token_exp_timeout must be an integer >= ${MIN_TOKEN_TIMEOUT}` });
      }
      out.auth_token_exp_timeout = value;
    } else {
      if (value !== 'white' && value !== 'black') {
        throw new WazuhError(4021, { extra: 'rbac_mode must be white or black' });
      }
      out.rbac_mode = value;
    }
  }
  return out;
}

function merge(partial: Partial<SecurityConfig>): SecurityConfig {
  return { ...DEFAULT_SECURITY_CONFIG, ...partial };
}

export class SecurityConfigFile {
  private cached: SecurityConfig;

  constructor(private readonly path: string) {
    this.cached = this.read();
  }

  /** The merged values: file keys over defaults. */
  get current(): SecurityConfig {
    return this.cached;
  }

  /** Replaces the file with exactly the keys given (omitted ones fall back to their defaults), as Wazuh does. */
  replace(partial: Partial<SecurityConfig>): SecurityConfig {
    this.write(partial);
    this.cached = merge(partial);
    return this.cached;
  }

  reset(): SecurityConfig {
    return this.replace({ ...DEFAULT_SECURITY_CONFIG });
  }

  private read(): SecurityConfig {
    if (!existsSync(this.path)) return merge({});
    let parsed: unknown;
    try {
      parsed = load(readFileSync(this.path, 'utf8'));
    } catch {
      throw new WazuhError(4021, { extra: `${this.path} is not valid YAML` });
    }
    if (parsed === null || parsed === undefined) return merge({});
    return merge(validateSecurityConfig(parsed));
  }

  private write(partial: Partial<SecurityConfig>): void {
    mkdirSync(dirname(this.path), { recursive: true, mode: 0o750 });
    const temporary = `${this.path}.tmp-${process.pid}`;
    writeFileSync(temporary, Object.keys(partial).length ? dump(partial) : '', { mode: 0o640 });
    renameSync(temporary, this.path);
  }
}
