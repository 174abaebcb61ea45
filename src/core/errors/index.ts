/**
 * The one error catalogue of the project.
 *
 * Every failure a client can see carries a numeric Wazuh code. The code decides the texts (message and
 * remediation, from `catalogue.json`); the error *class* decides the HTTP status and the title. The same code is
 * raised with different classes in different places (Wazuh does this too), so callers pick the class.
 */
import catalogue from './catalogue.json';

type CatalogueEntry = { message: string; remediation?: string };
const entries = catalogue as Record<string, CatalogueEntry>;

/** What kind of failure this is; maps one-to-one onto an HTTP status (see `httpStatusOf`). */
export type ErrorKind =
  | 'bad_request'
  | 'internal'
  | 'cluster'
  | 'permission'
  | 'not_found'
  | 'too_many_requests'
  | 'not_acceptable';

const STATUS: Record<ErrorKind, number> = {
  bad_request: 400,
  internal: 500,
  cluster: 500,
  permission: 403,
  not_found: 404,
  too_many_requests: 429,
  not_acceptable: 406,
};

const TITLE: Record<ErrorKind, string> = {
  bad_request: 'Bad Request',
  internal: 'Wazuh Internal Error',
  cluster: 'Wazuh Cluster Error',
  permission: 'Permission Denied',
  not_found: 'Resource Not Found',
  too_many_requests: 'Too Many Requests',
  not_acceptable: 'Not Acceptable',
};

export interface WazuhErrorOptions {
  /** Appended to the catalogue text as `"<text>: <extra>"`; an object fills `{name}` placeholders instead. */
  extra?: string | Record<string, string | number>;
  /** Appended to the catalogue remediation as `"<remediation>: <extra>"`. */
  extraRemediation?: string;
  /** Message taken as is (daemon-originated errors); the catalogue text and remediation are then ignored. */
  verbatim?: string;
}

export function catalogueEntry(code: number): CatalogueEntry | undefined {
  return entries[String(code)];
}

function fillPlaceholders(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** A failure with a Wazuh code. Default class: a user error (HTTP 400). */
export class WazuhError extends Error {
  readonly code: number;
  readonly kind: ErrorKind;
  readonly remediation?: string;
  /** The caller's extra text, kept apart so failed items can be grouped exactly as Wazuh groups them. */
  readonly extraMessage?: string;
  readonly extraRemediation?: string;

  constructor(code: number, options: WazuhErrorOptions = {}, kind: ErrorKind = 'bad_request') {
    const entry = catalogueEntry(code);
    let message: string;
    let remediation = entry?.remediation;
    if (options.verbatim !== undefined) {
      message = options.verbatim;
      remediation = undefined;
    } else if (options.extra !== undefined && typeof options.extra === 'object') {
      message = fillPlaceholders(entry?.message ?? `Error ${code}`, options.extra);
    } else if (options.extra !== undefined) {
      message = entry ? `${entry.message}: ${options.extra}` : options.extra;
    } else {
      message = entry?.message ?? `Error ${code}`;
    }
    if (options.extraRemediation !== undefined) {
      remediation = remediation ? `${remediation}: ${options.extraRemediation}` : options.extraRemediation;
    }
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.kind = kind;
    this.remediation = remediation;
    this.extraMessage = typeof options.extra === 'string' ? options.extra : options.extra && JSON.stringify(options.extra);
    this.extraRemediation = options.extraRemediation;
  }

  get httpStatus(): number {
    return STATUS[this.kind];
  }

  get title(): string {
    return TITLE[this.kind];
  }
}

export class WazuhInternalError extends WazuhError {
  constructor(code: number, options: WazuhErrorOptions = {}) {
    super(code, options, 'internal');
  }
}

export class WazuhClusterError extends WazuhError {
  constructor(code: number, options: WazuhErrorOptions = {}) {
    super(code, options, 'cluster');
  }
}

export class WazuhPermissionError extends WazuhError {
  constructor(code: number, options: WazuhErrorOptions = {}) {
    super(code, options, 'permission');
  }
}

export class WazuhResourceNotFound extends WazuhError {
  constructor(code: number, options: WazuhErrorOptions = {}) {
    super(code, options, 'not_found');
  }
}

export class WazuhTooManyRequests extends WazuhError {
  constructor(code: number, options: WazuhErrorOptions = {}) {
    super(code, options, 'too_many_requests');
  }
}

export class WazuhNotAcceptable extends WazuhError {
  constructor(code: number, options: WazuhErrorOptions = {}) {
    super(code, options, 'not_acceptable');
  }
}

export function httpStatusOf(kind: ErrorKind): number {
  return STATUS[kind];
}

/** Anything thrown that is not a WazuhError becomes the generic internal error 1000, as Wazuh does. */
export function asWazuhError(error: unknown): WazuhError {
  if (error instanceof WazuhError) return error;
  return new WazuhInternalError(1000);
}

/** The fixed `detail` texts of a 401 answer. */
export type AuthenticationFailure =
  | 'No authorization token provided'
  | 'Invalid token'
  | 'Token expired'
  | 'Invalid authorization header'
  | 'Invalid credentials';

/**
 * A failed authentication. Wazuh answers these 401 with only `title: Unauthorized` and a fixed `detail` (no code),
 * so they are not catalogue errors.
 */
export class AuthenticationError extends Error {
  constructor(readonly detail: AuthenticationFailure) {
    super(detail);
    this.name = 'AuthenticationError';
  }
}
