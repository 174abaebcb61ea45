/** The one place where failures become responses (see `problem.ts` for the bodies). */
import type { NextFunction, Request, Response } from 'express';
import { RequestAborted } from '../cluster/dapi';
import type { ApiLogger } from '../core/logging';
import { toProblem } from './problem';
import { fromValidatorError, isValidatorError } from './validation-errors';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

export function errorHandler(logger: ApiLogger) {
  // express recognises error middlewares by their four parameters.
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    if (error instanceof RequestAborted) {
      res.destroy(); // the client left: there is no one to answer
      return;
    }
    const problem = toProblem(isValidatorError(error) ? fromValidatorError(req, error) : error);
    if (problem.unexpected !== undefined) {
      logger.error(`Unexpected error on ${req.method} ${req.path}`, problem.unexpected);
    } else if (problem.status === 500) {
      logger.error(`${problem.body.detail} (${req.method} ${req.path})`);
    }
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const text = JSON.stringify(problem.body);
    res.status(problem.status);
    for (const [name, value] of Object.entries(problem.headers)) res.setHeader(name, value);
    res.setHeader('Content-Type', PROBLEM_CONTENT_TYPE);
    res.setHeader('Content-Length', Buffer.byteLength(text));
    res.end(text);
  };
}
