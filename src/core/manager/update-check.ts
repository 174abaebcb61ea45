/**
 * `GET /manager/version/check`: which newer Wazuh releases exist, as the CTI service (`<cti-url>/api/v1/ping`)
 * reports them. The answer of the last query is kept in memory; `force_query=true` asks again. A query never
 * hangs the API: it is bounded by a short timeout and a network failure becomes a clear error.
 */
import { WazuhInternalError } from '../errors';
import { WAZUH_VERSION } from './info';

/** Wazuh's HTTP client gives up after 5 seconds. */
export const UPDATE_CHECK_TIMEOUT_MS = 5_000;

export interface UpdateInformation {
  uuid: string;
  /** When the service was last asked (`YYYY-MM-DDTHH:MM:SS+00:00`), empty before the first query. */
  last_check_date: string;
  current_version: string;
  update_check: boolean;
  last_available_major: Record<string, unknown>;
  last_available_minor: Record<string, unknown>;
  last_available_patch: Record<string, unknown>;
}

/** One query's outcome: the information plus the HTTP status (500 for network failures) and a failure text. */
export interface UpdateQueryResult extends UpdateInformation {
  status_code: number;
  message?: string;
}

export function updateInformationTemplate(uuid: string, updateCheck: boolean, lastCheck = ''): UpdateInformation {
  return {
    uuid,
    last_check_date: lastCheck,
    current_version: WAZUH_VERSION,
    update_check: updateCheck,
    last_available_major: {},
    last_available_minor: {},
    last_available_patch: {},
  };
}

function nowIso(): string {
  return `${new Date().toISOString().slice(0, 19)}+00:00`;
}

function lastOf(list: unknown): Record<string, unknown> {
  if (!Array.isArray(list) || list.length === 0) return {};
  const last = list[list.length - 1];
  return typeof last === 'object' && last !== null ? { ...(last as Record<string, unknown>) } : {};
}

export interface QueryOptions {
  /** Base URL of the service (`<global><cti-url>`, see `ctiUrl` of ossec-conf). */
  ctiUrl: string;
  timeoutMs?: number;
  /** For tests: the fetch to use. */
  fetchImpl?: typeof fetch;
}

/** Asks the CTI service once. Never throws: failures come back with `status_code` 500 and the reason. */
export async function queryUpdateCheckService(uuid: string, options: QueryOptions): Promise<UpdateQueryResult> {
  const base = options.ctiUrl.replace(/\/+$/, '');
  const info: UpdateQueryResult = { ...updateInformationTemplate(uuid, true, nowIso()), status_code: 500 };
  const doFetch = options.fetchImpl ?? fetch;
  try {
    const response = await doFetch(`${base}/api/v1/ping`, {
      headers: {
        'wazuh-uid': uuid,
        'wazuh-tag': WAZUH_VERSION,
        'user-agent': `Wazuh UpdateCheckService/${WAZUH_VERSION}`,
      },
      redirect: 'follow',
      signal: AbortSignal.timeout(options.timeoutMs ?? UPDATE_CHECK_TIMEOUT_MS),
    });
    const body = (await response.json()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    info.status_code = response.status;
    if (response.status === 200) {
      info.last_available_major = lastOf(body?.data?.major);
      info.last_available_minor = lastOf(body?.data?.minor);
      info.last_available_patch = lastOf(body?.data?.patch);
    } else {
      info.message = String(body?.errors?.detail ?? `HTTP ${response.status}`);
    }
  } catch (error) {
    info.status_code = 500;
    // The timeout surfaces as a DOMException, not always an Error instance: look at its name only.
    const name = (error as { name?: unknown } | null)?.name;
    info.message =
      name === 'TimeoutError'
        ? `No answer from ${base} within ${(options.timeoutMs ?? UPDATE_CHECK_TIMEOUT_MS) / 1000} seconds`
        : describeFetchError(error);
  }
  return info;
}

/** fetch reports network failures as `fetch failed` with the socket error as `cause`: show the cause. */
function describeFetchError(error: unknown): string {
  const failure = error as { message?: unknown; cause?: { code?: unknown; message?: unknown } } | null;
  const cause = failure?.cause;
  if (typeof cause?.message === 'string' && cause.message) {
    return typeof cause.code === 'string' && !cause.message.includes(cause.code) ? `${cause.code}: ${cause.message}` : cause.message;
  }
  return typeof failure?.message === 'string' ? failure.message : String(error);
}

/**
 * What the endpoint answers from the stored information: the empty template (with `update_check: false`) when
 * nothing was ever queried, error 2100 when the last query failed, the information otherwise.
 */
export function updateInformationResult(uuid: string, stored: UpdateQueryResult | undefined): UpdateInformation {
  if (!stored) return updateInformationTemplate(uuid, false);
  const { status_code: status, message, ...information } = stored;
  if (status !== 200) {
    throw new WazuhInternalError(2100, {
      extra: status === 401 ? `${information.uuid}, ${information.current_version}` : (message ?? ''),
    });
  }
  return information;
}

/** Keeps the last answer of the CTI service for this API process, like Wazuh's `cti_context`. */
export class UpdateCheckService {
  private stored: UpdateQueryResult | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: Omit<QueryOptions, 'ctiUrl'> = {}) {}

  get last(): UpdateQueryResult | undefined {
    return this.stored;
  }

  async refresh(uuid: string, ctiUrl: string): Promise<UpdateQueryResult> {
    this.stored = await queryUpdateCheckService(uuid, { ...this.options, ctiUrl });
    return this.stored;
  }

  /** Queries now and then once a day, as the manager's API does on a master with `update_check` enabled. */
  startDaily(uuid: string, ctiUrl: string): void {
    if (this.timer) return;
    const run = () => void this.refresh(uuid, ctiUrl);
    run();
    this.timer = setInterval(run, 24 * 60 * 60 * 1000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
