/**
 * The shape `api.yaml` must have. Like Wazuh's schema it refuses unknown keys at every level, and it accepts the
 * deprecated keys (`use_only_authd`, `logs.path`, `cache`). Errors name the dotted key so the operator knows what
 * to fix.
 */
import { ApiConfigError } from './types';

type Rule =
  | { kind: 'object'; props: Record<string, Rule> }
  | { kind: 'boolean' }
  | { kind: 'number'; integer?: boolean; min?: number; max?: number }
  | { kind: 'string'; pattern?: RegExp; patternHint?: string; oneOf?: readonly string[] }
  | { kind: 'stringList' }
  | { kind: 'stringOrList' };

const obj = (props: Record<string, Rule>): Rule => ({ kind: 'object', props });
const bool: Rule = { kind: 'boolean' };
const int = (min?: number, max?: number): Rule => ({ kind: 'number', integer: true, min, max });
const num = (min?: number): Rule => ({ kind: 'number', min });
const str: Rule = { kind: 'string' };
const fileName: Rule = {
  kind: 'string',
  pattern: /^[\w\-.]+$/,
  patternHint: "a file name (letters, digits, '_', '-' and '.')",
};
const oneOf = (values: readonly string[]): Rule => ({ kind: 'string', oneOf: values });
const allowWithExceptions = obj({ allow: bool, exceptions: { kind: 'stringList' } });

export const LOG_LEVELS = ['disabled', 'info', 'warning', 'error', 'debug', 'debug2'] as const;

const API_YAML: Rule = obj({
  host: { kind: 'stringOrList' },
  port: int(0, 65535),
  use_only_authd: bool,
  drop_privileges: bool,
  experimental_features: bool,
  max_upload_size: int(0),
  authentication_pool_size: int(1, 50),
  intervals: obj({ request_timeout: num(0) }),
  https: obj({
    enabled: bool,
    key: fileName,
    cert: fileName,
    use_ca: bool,
    ca: fileName,
    ssl_protocol: oneOf(['tls', 'tlsv1', 'tlsv1.1', 'tlsv1.2', 'auto']),
    ssl_ciphers: str,
  }),
  logs: obj({
    level: oneOf(LOG_LEVELS),
    path: str,
    format: oneOf(['plain', 'json', 'plain,json', 'json,plain']),
    max_size: obj({
      enabled: bool,
      size: { kind: 'string', pattern: /^\d+[km]$/, patternHint: "a size such as '1M' or '2048K'" },
    }),
  }),
  cors: obj({
    enabled: bool,
    source_route: str,
    expose_headers: { kind: 'stringOrList' },
    allow_headers: { kind: 'stringOrList' },
    allow_credentials: bool,
  }),
  cache: obj({ enabled: bool, time: num() }),
  access: obj({ max_login_attempts: int(), block_time: int(), max_request_per_minute: int() }),
  upload_configuration: obj({
    remote_commands: obj({ localfile: allowWithExceptions, wodle_command: allowWithExceptions }),
    limits: obj({ eps: obj({ allow: bool }) }),
    agents: obj({ allow_higher_versions: obj({ allow: bool }) }),
    indexer: obj({ allow: bool }),
    integrations: obj({
      virustotal: obj({ public_key: obj({ allow: bool, minimum_quota: int() }) }),
    }),
  }),
});

function fail(key: string, problem: string): never {
  throw new ApiConfigError(`api.yaml: '${key}' ${problem}`);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function check(value: unknown, rule: Rule, key: string): void {
  switch (rule.kind) {
    case 'object': {
      if (!isPlainObject(value)) fail(key, 'must be a section of options (a mapping)');
      for (const [name, child] of Object.entries(value)) {
        const childKey = key ? `${key}.${name}` : name;
        const childRule = Object.prototype.hasOwnProperty.call(rule.props, name) ? rule.props[name] : undefined;
        if (!childRule) throw new ApiConfigError(`api.yaml: unknown key '${childKey}'`);
        check(child, childRule, childKey);
      }
      return;
    }
    case 'boolean':
      if (typeof value !== 'boolean') fail(key, 'must be a boolean (yes or no)');
      return;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) fail(key, 'must be a number');
      if (rule.integer && !Number.isInteger(value)) fail(key, 'must be an integer');
      if (rule.min !== undefined && value < rule.min) fail(key, `must be at least ${rule.min}`);
      if (rule.max !== undefined && value > rule.max) fail(key, `must be at most ${rule.max}`);
      return;
    case 'string':
      if (typeof value !== 'string') fail(key, 'must be a string');
      if (rule.oneOf && !rule.oneOf.includes(value)) fail(key, `must be one of: ${rule.oneOf.join(', ')}`);
      if (rule.pattern && !rule.pattern.test(value)) fail(key, `must be ${rule.patternHint}`);
      return;
    case 'stringList':
      if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
        fail(key, 'must be a list of strings');
      }
      return;
    case 'stringOrList':
      if (typeof value === 'string') return;
      if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
        fail(key, 'must be a string or a list of strings');
      }
      return;
  }
}

/** Throws an `ApiConfigError` naming the first unknown key or wrongly typed value. */
export function validateApiYaml(document: unknown): void {
  check(document, API_YAML, '');
}
