/** `POST /events`. */
import type { Handler } from '../src/api/context';
import { HttpProblem } from '../src/api/problem';
import { MAX_EVENTS_PER_REQUEST } from '../src/core/events';
import { sendEvents } from '../src/framework/events';
import { refuseUnknownFields } from './active-response';
import { callOf } from './monitoring';

const forward_event: Handler = async (ctx) => {
  const body = (ctx.params.body ?? {}) as Record<string, unknown>;
  refuseUnknownFields(body, ['events']);
  const events = Array.isArray(body.events) ? body.events.map(String) : [];
  // Checked with the body, before permissions, as Wazuh's body model does.
  if (events.length > MAX_EVENTS_PER_REQUEST) {
    throw new HttpProblem(400, 'Events bulk size exceeded', 'The size of the events bulk is exceeding the limit');
  }
  return sendEvents(callOf(ctx), events);
};

export const handlers: Record<string, Handler> = { forward_event };
