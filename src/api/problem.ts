/**
 * Every error a client sees is built here, as Wazuh's problem+json body: keys in the order title, detail,
 * remediation, dapi_errors, error. Catalogue errors carry their code; HTTP-level problems (404, 405, 413, 417,
 * validation 400s, 401) have only title and detail.
 */
import { AuthenticationError, WazuhError, WazuhInternalError } from '../core/errors';
import { DapiError, type DapiErrors } from '../cluster/dapi';

/** An error answered with a fixed status, title and detail and no Wazuh code. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = 'HttpProblem';
  }
}

export const notFound = () => new HttpProblem(404, 'Not Found', '404: Not Found');
export const methodNotAllowed = (allow: string[]) =>
  new HttpProblem(405, 'Method Not Allowed', '405: Method Not Allowed', { Allow: allow.join(', ') });
export const contentTooLarge = (limit: number, read: number) =>
  new HttpProblem(413, 'Content size exceeded.', `Maximum content size limit (${limit}) exceeded (${read} bytes read)`);
export const badRequest = (detail: string) => new HttpProblem(400, 'Bad Request', detail);

export interface ProblemBody {
  title: string;
  detail: string;
  remediation?: string;
  dapi_errors?: DapiErrors;
  error?: number;
}

export interface Problem {
  status: number;
  body: ProblemBody;
  headers: Record<string, string>;
  /** Set when the failure was not a client error and deserves an ERROR line in the API log. */
  unexpected?: unknown;
}

/** Wazuh's cleaning of `detail`: a blank line becomes ". ", other newlines vanish, whitespace runs collapse. */
export function cleanDetail(text: string): string {
  return text.replace(/\n\n/g, '. ').replace(/\n/g, '').replace(/\s+/g, ' ');
}

function fromWazuhError(error: WazuhError, dapiErrors?: DapiErrors): Problem {
  const body: ProblemBody = { title: error.title, detail: cleanDetail(error.message) };
  if (error.remediation) body.remediation = error.remediation;
  if (dapiErrors && Object.keys(dapiErrors).length > 0) body.dapi_errors = dapiErrors;
  body.error = error.code;
  return { status: error.httpStatus, body, headers: {} };
}

/** Maps anything thrown while serving a request to the answer the client gets. */
export function toProblem(error: unknown): Problem {
  if (error instanceof DapiError) {
    const problem = fromWazuhError(error.wazuhError, error.dapiErrors);
    if (error.unexpected !== undefined) problem.unexpected = error.unexpected;
    return problem;
  }
  if (error instanceof WazuhError) return fromWazuhError(error);
  if (error instanceof AuthenticationError) {
    return { status: 401, body: { title: 'Unauthorized', detail: error.detail }, headers: {} };
  }
  if (error instanceof HttpProblem) {
    return { status: error.status, body: { title: error.title, detail: cleanDetail(error.detail) }, headers: error.headers };
  }
  const problem = fromWazuhError(new WazuhInternalError(1000));
  problem.unexpected = error;
  return problem;
}
