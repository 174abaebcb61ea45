/** `PUT /active-response`. */
import type { Handler } from '../src/api/context';
import { badRequest } from '../src/api/problem';
import type { ArRequest } from '../src/core/active-response';
import { pythonSetRepr } from '../src/core/pyrepr';
import { runCommand } from '../src/framework/active-response';
import { callOf } from './monitoring';
import { list } from './params';

const FIELDS = ['command', 'arguments', 'alert'];

/** Wazuh's body model refuses fields it does not know, naming them as a Python set. */
export function refuseUnknownFields(body: Record<string, unknown>, known: readonly string[]): void {
  const unknown = Object.keys(body).filter((name) => !known.includes(name));
  if (unknown.length > 0) throw badRequest(`Invalid field found ${pythonSetRepr(unknown)}`);
}

const run_command: Handler = async (ctx) => {
  const body = (ctx.params.body ?? {}) as Record<string, unknown>;
  refuseUnknownFields(body, FIELDS);
  const request: ArRequest = {
    command: typeof body.command === 'string' ? body.command : '',
    arguments: Array.isArray(body.arguments) ? body.arguments.map(String) : undefined,
    alert: typeof body.alert === 'object' && body.alert !== null ? (body.alert as Record<string, unknown>) : undefined,
  };
  return runCommand(callOf(ctx), list(ctx.params.query.agents_list), request);
};

export const handlers: Record<string, Handler> = { run_command };
