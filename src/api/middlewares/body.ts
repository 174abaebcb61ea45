/**
 * Request bodies: `Expect` handling, the `max_upload_size` limit and parsing.
 *
 * The size limit is enforced twice: a declared Content-Length over the limit is refused before anything is read
 * (and before authentication, so nobody can make the server buffer a large body), and a body streamed without a
 * length is counted while it is read and cut off at the limit. Either way the connection is closed after the
 * 413 so the rest of the upload is not read.
 */
import type { NextFunction, Request, Response } from 'express';
import { HttpProblem, badRequest, contentTooLarge } from '../problem';

const expectationFailed = (detail: string) =>
  new HttpProblem(417, 'Expectation failed', detail, { Connection: 'close' });

function declaredLength(req: Request): number | undefined {
  const header = req.headers['content-length'];
  if (header === undefined) return undefined;
  const length = Number(header);
  return Number.isFinite(length) ? length : undefined;
}

function tooLarge(limit: number, read: number): HttpProblem {
  const problem = contentTooLarge(limit, read);
  return new HttpProblem(problem.status, problem.title, problem.detail, { Connection: 'close' });
}

/** Answers `Expect` and over-sized declared bodies before anything else looks at the request. */
export function checkDeclaredBody(limit: number) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const length = declaredLength(req);
    const expect = req.headers.expect;
    if (expect !== undefined) {
      if (expect.trim().toLowerCase() !== '100-continue') throw expectationFailed('Unknown Expect');
      if (limit > 0 && length !== undefined && length > limit) {
        throw expectationFailed(`Maximum content size limit (${limit}) exceeded (${length} bytes read)`);
      }
    }
    if (limit > 0 && length !== undefined && length > limit) throw tooLarge(limit, length);
    next();
  };
}

function hasBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || (declaredLength(req) ?? 0) > 0;
}

function readAll(req: Request, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (limit > 0 && size > limit) {
        cleanup();
        req.pause();
        reject(tooLarge(limit, size));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function mediaTypeOf(req: Request): string {
  return (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
}

/**
 * Reads and parses the body: JSON for JSON media types, text (UTF-8) for the rest. `declaredTypes` gives the
 * media types the matched operation accepts: a request without any body is taken as of the first of them, so
 * the validator reports a missing required body (or nothing, when it is optional) rather than a content type.
 */
export function readBody(limit: number, declaredTypes: (res: Response) => string[] | undefined) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    if (!hasBody(req)) {
      const types = declaredTypes(res);
      if (types && types.length > 0 && req.headers['content-type'] === undefined) req.headers['content-type'] = types[0];
      return next();
    }
    if (req.headers.expect !== undefined) res.writeContinue();
    const raw = await readAll(req, limit);
    if (raw.length === 0) return next();
    let text: string;
    try {
      text = utf8.decode(raw);
    } catch {
      throw badRequest('Error parsing body request to UTF-8');
    }
    const type = mediaTypeOf(req);
    if (type === 'application/json' || type.endsWith('+json')) {
      try {
        req.body = JSON.parse(text);
      } catch (error) {
        throw badRequest((error as Error).message);
      }
    } else {
      req.body = text;
    }
    next();
  };
}
