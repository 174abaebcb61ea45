/**
 * Request (and optionally response) validation against spec.yaml with express-openapi-validator, using Wazuh's
 * string formats.
 */
import { dirname } from 'node:path';
import * as OpenApiValidator from 'express-openapi-validator';
import { unknownFormats, wazuhFormats } from './formats';
import type { LoadedSpec } from './spec';

type PathToRegexp = (path: string, options?: object) => unknown;
const MEMOISED = Symbol.for('wazuh-api.memoised-path-to-regexp');

/**
 * The validator finds a request's operation by compiling every path template of the spec with path-to-regexp,
 * on every request: in profiles that was a third of the CPU of an authenticated `GET /`. The templates never
 * change, so the module's export (read at each call) is replaced once by a memoising version.
 */
function memoisePathToRegexp(): void {
  const validatorDir = dirname(require.resolve('express-openapi-validator'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const module = require(require.resolve('path-to-regexp', { paths: [validatorDir] })) as Record<string | symbol, unknown>;
  if (module[MEMOISED] || typeof module.pathToRegexp !== 'function') return;
  const compile = module.pathToRegexp as PathToRegexp;
  // Per template, the option objects seen (a handful of flags) with their compiled pattern: no key building.
  const cache = new Map<string, Array<{ options: Record<string, unknown>; compiled: unknown }>>();
  const sameOptions = (a: Record<string, unknown>, b: Record<string, unknown>) => {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
  };
  module.pathToRegexp = (path: string, options: Record<string, unknown> = {}) => {
    if (typeof path !== 'string') return compile(path, options);
    let entries = cache.get(path);
    const hit = entries?.find((entry) => sameOptions(entry.options, options));
    if (hit) return hit.compiled;
    const compiled = compile(path, options);
    if (!entries) {
      if (cache.size >= 10_000) return compiled; // only the spec's templates are expected here
      cache.set(path, (entries = []));
    }
    if (entries.length < 8) entries.push({ options: { ...options }, compiled });
    return compiled;
  };
  module[MEMOISED] = true;
}

export function specValidator(spec: LoadedSpec, options: { wazuhPath: string; validateResponses: boolean }) {
  memoisePathToRegexp();
  const formats: Record<string, ((value: string) => boolean) | true> = wazuhFormats(options.wazuhPath);
  for (const name of unknownFormats(spec.document, formats)) formats[name] = true;
  return OpenApiValidator.middleware({
    apiSpec: structuredClone(spec.document) as never,
    validateRequests: { allowUnknownQueryParameters: false },
    validateResponses: options.validateResponses ? {} : false,
    validateSecurity: false,
    validateFormats: true,
    formats,
    // Routing already matched the operation on req.url (where lower-cased path parameters are rewritten).
    useRequestUrl: true,
  });
}
