/**
 * DAPI's contract on one node: the request deadline (3021, lifted by wait_for_complete), the abort signal the
 * work sees, and failures carrying dapi_errors; and the problem bodies built from them (key order, detail
 * cleaning, 401 and unknown errors).
 */
import type { RequestContext } from '../../src/api/context';
import { cleanDetail, toProblem } from '../../src/api/problem';
import { DapiError, LocalDapi, RequestAborted } from '../../src/cluster/dapi';
import { AuthenticationError, WazuhError, WazuhInternalError, WazuhResourceNotFound } from '../../src/core/errors';
import { routes } from '../../generated/routes';

const LOGFILE = '/var/ossec/logs/api.log';

function context(query: Record<string, unknown> = {}, signal = new AbortController().signal): RequestContext {
  return {
    route: routes[0],
    params: { path: {}, query, body: undefined, headers: {} },
    services: {} as RequestContext['services'],
    clientIp: '127.0.0.1',
    requestId: 'test',
    signal,
  };
}

const dapi = (requestTimeout: number) => new LocalDapi({ nodeName: 'node01', requestTimeout, logfile: LOGFILE });
const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('LocalDapi', () => {
  it('returns what the work returns', async () => {
    await expect(dapi(10).execute(context(), async () => 42)).resolves.toBe(42);
  });

  it('times out with 3021 and aborts the work', async () => {
    let seen: AbortSignal | undefined;
    const error = await failure(
      dapi(0.05).execute(context(), async (ctx) => {
        seen = ctx.signal;
        await sleep(5_000, ctx.signal);
      }),
    );
    expect(error).toBeInstanceOf(DapiError);
    expect((error as DapiError).wazuhError.code).toBe(3021);
    expect((error as DapiError).dapiErrors).toEqual({ node01: { error: 'Timeout executing API request', logfile: LOGFILE } });
    expect(seen?.aborted).toBe(true);
  });

  it('does not time out with wait_for_complete=true', async () => {
    await expect(dapi(0.02).execute(context({ wait_for_complete: true }), async () => sleep(100).then(() => 'done'))).resolves.toBe('done');
  });

  it('times a request out at once with request_timeout 0, without running it', async () => {
    const work = jest.fn(async () => 1);
    const error = await failure(dapi(0).execute(context(), work));
    expect((error as DapiError).wazuhError.code).toBe(3021);
    expect(work).not.toHaveBeenCalled();
  });

  it('reports Wazuh errors per node, with the log file only for internal ones', async () => {
    const notFound = await failure(dapi(10).execute(context(), async () => Promise.reject(new WazuhResourceNotFound(1701))));
    expect((notFound as DapiError).dapiErrors).toEqual({ node01: { error: 'Agent does not exist' } });
    const internal = await failure(dapi(10).execute(context(), async () => Promise.reject(new WazuhInternalError(1017, { extra: { node_name: 'node01', not_ready_daemons: 'wazuh-db->stopped' } }))));
    expect((internal as DapiError).dapiErrors.node01.logfile).toBe(LOGFILE);
  });

  it('turns any other exception into 1000 and keeps it for the log', async () => {
    const boom = new TypeError('boom');
    const error = (await failure(dapi(10).execute(context(), async () => Promise.reject(boom)))) as DapiError;
    expect(error.wazuhError.code).toBe(1000);
    expect(error.unexpected).toBe(boom);
  });

  it('lets authentication failures through unchanged', async () => {
    const error = await failure(dapi(10).execute(context(), async () => Promise.reject(new AuthenticationError('Invalid credentials'))));
    expect(error).toBeInstanceOf(AuthenticationError);
  });

  it('stops when the client goes away', async () => {
    const client = new AbortController();
    const running = dapi(10).execute(context({}, client.signal), (ctx) => sleep(5_000, ctx.signal));
    client.abort(new RequestAborted());
    await expect(running).rejects.toBeInstanceOf(RequestAborted);
  });
});

describe('problem bodies', () => {
  it('orders title, detail, remediation, dapi_errors, error', async () => {
    const error = await failure(dapi(10).execute(context(), async () => Promise.reject(new WazuhResourceNotFound(1701))));
    const problem = toProblem(error);
    expect(problem.status).toBe(404);
    expect(JSON.stringify(problem.body)).toBe(
      '{"title":"Resource Not Found","detail":"Agent does not exist","remediation":"Please, use `GET /agents?select=id,name` to find all available agents",' +
        '"dapi_errors":{"node01":{"error":"Agent does not exist"}},"error":1701}',
    );
  });

  it('answers a timeout as Wazuh does', async () => {
    const problem = toProblem(await failure(dapi(0).execute(context(), async () => 1)));
    expect(problem.status).toBe(500);
    expect(problem.body).toEqual({
      title: 'Wazuh Internal Error',
      detail: 'Timeout executing API request',
      dapi_errors: { node01: { error: 'Timeout executing API request', logfile: LOGFILE } },
      error: 3021,
    });
  });

  it('has no dapi_errors for errors raised outside DAPI, and cleans the detail', () => {
    const problem = toProblem(new WazuhError(1000, { verbatim: 'first line\n\nsecond\nline   with   spaces' }));
    expect(problem.body).toEqual({ title: 'Bad Request', detail: 'first line. secondline with spaces', error: 1000 });
    expect(cleanDetail('a\n\nb\nc  d')).toBe('a. bc d');
  });

  it('answers 401 with title and detail only, and anything unknown with 1000', () => {
    expect(toProblem(new AuthenticationError('Invalid token'))).toMatchObject({ status: 401, body: { title: 'Unauthorized', detail: 'Invalid token' } });
    const unknown = toProblem(new RangeError('x'));
    expect(unknown.status).toBe(500);
    expect(unknown.body).toMatchObject({ title: 'Wazuh Internal Error', error: 1000 });
    expect(unknown.unexpected).toBeInstanceOf(RangeError);
  });
});
