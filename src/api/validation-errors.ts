/**
 * Turns express-openapi-validator's errors into the answers Wazuh gives for the same requests: 400 with a
 * jsonschema-style `detail` (the texts Python's jsonschema writes, e.g. `'abc' is not of type 'integer'`),
 * 404/405 with the fixed texts, and 406 / 6002 for a body whose content type the operation does not take.
 */
import type { Request } from 'express';
import { error as validatorErrors } from 'express-openapi-validator';
import { WazuhNotAcceptable, WazuhInternalError } from '../core/errors';
import { HttpProblem, badRequest, methodNotAllowed, notFound } from './problem';
import { pythonRepr } from '../core/pyrepr';

interface ValidatorItem {
  path?: string;
  message?: string;
  errorCode?: string;
}

interface ValidatorError extends Error {
  status: number;
  errors?: ValidatorItem[];
  headers?: Record<string, string>;
}

const HttpErrorBase = Object.getPrototypeOf(validatorErrors.BadRequest) as abstract new (...args: never[]) => Error;

export function isValidatorError(error: unknown): error is ValidatorError {
  return error instanceof HttpErrorBase;
}

/** `/query/select/0` → the value the client sent there. */
function valueAt(req: Request, path: string[]): unknown {
  const [where, ...rest] = path;
  const params = (req as Request & { openapi?: { pathParams?: unknown } }).openapi?.pathParams;
  const sources: Record<string, unknown> = { query: req.query, params, path: params, body: req.body, headers: req.headers };
  let current = sources[where];
  for (const part of rest) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

const LOCATION: Record<string, string> = { query: 'query', params: 'path', headers: 'header' };

function splitPath(path: string | undefined): string[] {
  return (path ?? '').split(/[/.]/).filter(Boolean).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The jsonschema-like sentence for one validator error, without the location suffix. */
function sentence(req: Request, item: ValidatorItem, parts: string[]): string {
  const keyword = (item.errorCode ?? '').replace(/\.openapi\.validation$/, '');
  const message = item.message ?? '';
  const value = () => pythonRepr(valueAt(req, parts));
  const last = parts[parts.length - 1];
  switch (keyword) {
    case 'required':
      return `'${last}' is a required property`;
    case 'type':
      return `${value()} is not of type '${message.replace(/^must be /, '').split(',')[0]}'`;
    case 'format':
      return `${value()} is not a '${/"(.+)"/.exec(message)?.[1] ?? message}'`;
    case 'enum': {
      const allowed = message.replace(/^must be equal to one of the allowed values: /, '').split(', ');
      return `${value()} is not one of ${pythonRepr(allowed)}`;
    }
    case 'pattern':
      return `${value()} does not match '${/"(.+)"/.exec(message)?.[1] ?? ''}'`;
    case 'minimum':
    case 'exclusiveMinimum':
      return `${value()} is less than the minimum of ${message.replace(/^must be >=? /, '')}`;
    case 'maximum':
    case 'exclusiveMaximum':
      return `${value()} is greater than the maximum of ${message.replace(/^must be <=? /, '')}`;
    case 'minLength':
    case 'minItems':
    case 'minProperties':
      return `${value()} is too short`;
    case 'maxLength':
    case 'maxItems':
    case 'maxProperties':
      return `${value()} is too long`;
    case 'uniqueItems':
      return `${value()} has non-unique elements`;
    case 'additionalProperties':
      return `Additional properties are not allowed ('${last}' was unexpected)`;
    default:
      return message;
  }
}

/** The 400 body Wazuh writes for a request that fails its schema. */
function describeBadRequest(req: Request, error: ValidatorError): string {
  const item = error.errors?.[0];
  if (!item || !item.errorCode) return error.message;
  const parts = splitPath(item.path);
  const where = parts[0];
  const keyword = item.errorCode.replace(/\.openapi\.validation$/, '');
  if (where === 'body' || where === undefined) {
    if (parts.length <= 1 && keyword === 'required') return 'RequestBody is required';
    if (keyword === 'additionalProperties') return `Invalid field found {${pythonRepr(parts[parts.length - 1])}}`;
    const text = sentence(req, item, parts);
    // jsonschema reports where in the body the failing instance sits (the object, for a missing property).
    const instance = keyword === 'required' ? parts.slice(1, -1) : parts.slice(1);
    return instance.length > 0 ? `${text} - '${instance.join('.')}'` : text;
  }
  if (keyword === 'required' && parts.length === 2) return `Missing ${LOCATION[where] ?? where} parameter '${parts[1]}'`;
  return sentence(req, item, parts);
}

/** The Wazuh answer for a validator error. */
export function fromValidatorError(req: Request, error: ValidatorError): Error {
  switch (error.status) {
    case 404:
      return notFound();
    case 405:
      return methodNotAllowed((error.headers?.Allow ?? '').split(', ').filter(Boolean));
    case 415:
      return new WazuhNotAcceptable(6002);
    case 413:
      return new HttpProblem(413, 'Content size exceeded.', error.message);
    case 400:
      return badRequest(describeBadRequest(req, error));
    default:
      // A response that does not match the spec (response validation) or a validator fault: a server error,
      // whose detail names what was wrong so the test suite points at it.
      return new WazuhInternalError(1000, { verbatim: `Response validation failed: ${error.message}` });
  }
}
