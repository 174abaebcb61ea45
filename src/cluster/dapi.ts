/**
 * DAPI: decides where a request runs and what its failures look like to the client.
 *
 * Single node for now: `local_any`, `local_master` and `distributed_master` all run here. What is already
 * Wazuh's contract is kept: the request runs under a deadline (`intervals.request_timeout`, lifted by
 * `wait_for_complete=true`) that aborts the work through its AbortSignal and answers 500 / 3021, and failures
 * raised while running carry `dapi_errors` keyed by node name (with the log file for internal errors).
 */
import { AuthenticationError, WazuhError, WazuhInternalError } from '../core/errors';
import type { RequestContext } from '../api/context';

export type DapiErrors = Record<string, { error: string; logfile?: string }>;

/** A failure that happened inside DAPI: the Wazuh error plus the per-node report Wazuh adds to the body. */
export class DapiError extends Error {
  constructor(
    readonly wazuhError: WazuhError,
    readonly dapiErrors: DapiErrors,
    /** The original non-Wazuh exception, when one was turned into the generic 1000. */
    readonly unexpected?: unknown,
  ) {
    super(wazuhError.message);
    this.name = 'DapiError';
  }
}

/** HTTP-level answers (the api layer's HttpProblem: a status and a title, no Wazuh code) pass through as they are. */
function isHttpLevelProblem(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const candidate = error as Error & { status?: unknown; title?: unknown };
  return typeof candidate.status === 'number' && typeof candidate.title === 'string';
}

/** The reason a request's work is aborted when its client goes away: nobody is left to answer. */
export class RequestAborted extends Error {
  constructor(message = 'client closed the connection') {
    super(message);
    this.name = 'RequestAborted';
  }
}

export interface DapiOptions {
  nodeName: string;
  /** `intervals.request_timeout`, in seconds; 0 times every request out. */
  requestTimeout: number;
  /** Reported in `dapi_errors` for internal errors (`<WAZUH_PATH>/logs/api.log`). */
  logfile: string;
  /**
   * Run before the work of every request that goes through DAPI: throws (e.g. 1017 when a basic daemon is down)
   * to refuse it. The error is reported like any failure of the work, with `dapi_errors`.
   */
  readiness?: (ctx: RequestContext) => void;
}

export interface Dapi {
  /** Runs `work` for `ctx` under the request deadline; `work` receives a context whose signal honours it. */
  execute<T>(ctx: RequestContext, work: (ctx: RequestContext) => Promise<T>): Promise<T>;
}

export class LocalDapi implements Dapi {
  constructor(private readonly options: DapiOptions) {}

  private wrap(error: unknown): unknown {
    if (error instanceof DapiError || error instanceof AuthenticationError || error instanceof RequestAborted) return error;
    if (error instanceof WazuhError) return new DapiError(error, this.report(error));
    if (isHttpLevelProblem(error)) return error;
    const internal = new WazuhInternalError(1000);
    return new DapiError(internal, this.report(internal), error);
  }

  private report(error: WazuhError): DapiErrors {
    const internal = error.httpStatus >= 500;
    return {
      [this.options.nodeName]: { error: error.message, ...(internal ? { logfile: this.options.logfile } : {}) },
    };
  }

  async execute<T>(ctx: RequestContext, work: (ctx: RequestContext) => Promise<T>): Promise<T> {
    const waitForComplete = ctx.params.query.wait_for_complete === true;
    const timeoutMs = this.options.requestTimeout * 1000;
    if (!waitForComplete && timeoutMs <= 0) throw this.wrap(new WazuhInternalError(3021));

    const controller = new AbortController();
    const forward = () => controller.abort(ctx.signal.reason);
    if (ctx.signal.aborted) forward();
    else ctx.signal.addEventListener('abort', forward, { once: true });
    let timer: NodeJS.Timeout | undefined;
    if (!waitForComplete) timer = setTimeout(() => controller.abort(new WazuhInternalError(3021)), timeoutMs);

    const aborted = new Promise<never>((_, reject) => {
      const fail = () => reject(controller.signal.reason);
      if (controller.signal.aborted) fail();
      else controller.signal.addEventListener('abort', fail, { once: true });
    });
    try {
      this.options.readiness?.(ctx);
      return await Promise.race([work({ ...ctx, signal: controller.signal }), aborted]);
    } catch (error) {
      // Whatever the work threw after its client left, the client-side abort is what happened.
      if (ctx.signal.aborted) throw ctx.signal.reason;
      throw this.wrap(error);
    } finally {
      if (timer) clearTimeout(timer);
      ctx.signal.removeEventListener('abort', forward);
      aborted.catch(() => undefined);
    }
  }
}
