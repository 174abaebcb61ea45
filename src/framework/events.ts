/** `POST /events`: `event:ingest` on `*:*:*`, then every event to analysisd's queue. */
import { EVENTS_MESSAGES, forwardEvents } from '../core/events';
import { outcomeToResult } from '../core/monitoring';
import { requireResourceless, type MonitoringCall } from './monitoring';

export async function sendEvents(call: MonitoringCall, events: readonly string[]) {
  requireResourceless(call, 'event:ingest');
  const outcome = await forwardEvents(call.deps.events, events, { signal: call.signal });
  return outcomeToResult(EVENTS_MESSAGES, outcome);
}
