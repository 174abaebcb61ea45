/**
 * Event ingestion (`POST /events`): each event becomes one datagram on analysisd's queue (`queue/sockets/queue`),
 * written as a line from a local log source: `1:API-Webhook:<event>`. analysisd reads at most 65535 bytes per
 * datagram, so a longer event is refused (1012) instead of being cut.
 */
import { WazuhError, WazuhInternalError } from '../errors';
import { emptyOutcome, type ItemOutcome } from '../monitoring';

/** Queue id `1` (a local file), then the location analysisd shows for these events. */
export const EVENT_HEADER = '1:API-Webhook:';
export const MAX_EVENT_DATAGRAM_BYTES = 65535;
/** More events than this in one request is refused before anything is sent. */
export const MAX_EVENTS_PER_REQUEST = 100;

/** analysisd's datagram queue, as the IPC layer provides it. */
export interface EventQueue {
  readonly path: string;
  sendBatch(messages: string[], options?: { signal?: AbortSignal }): Promise<Array<WazuhError | undefined>>;
}

export function eventDatagram(event: string): string {
  return `${EVENT_HEADER}${event}`;
}

function tooLarge(): WazuhError {
  return new WazuhError(1012, {
    extra: `The event is too large to be sent to analysisd (maximum is ${MAX_EVENT_DATAGRAM_BYTES}B)`,
  });
}

/**
 * Sends the events in order. An unreachable queue fails the whole request (500, 1010); an event that could not be
 * delivered fails alone (1014), like one that is too large (1012). The failed item's id is the event itself.
 */
export async function forwardEvents(
  queue: EventQueue,
  events: readonly string[],
  options: { signal?: AbortSignal } = {},
): Promise<ItemOutcome<string>> {
  const outcome = emptyOutcome<string>();
  const sendable: string[] = [];
  const datagrams: string[] = [];
  for (const event of events) {
    const datagram = eventDatagram(event);
    if (Buffer.byteLength(datagram, 'utf8') > MAX_EVENT_DATAGRAM_BYTES) {
      outcome.failed.push({ id: event, error: tooLarge() });
    } else {
      sendable.push(event);
      datagrams.push(datagram);
    }
  }
  if (datagrams.length === 0) return outcome;
  const errors = await queue.sendBatch(datagrams, options);
  if (errors.some((error) => error?.code === 1010)) throw new WazuhInternalError(1010, { extra: queue.path });
  sendable.forEach((event, i) => {
    const error = errors[i];
    if (error === undefined) outcome.affected.push(event);
    else
      outcome.failed.push({
        id: event,
        error: new WazuhError(1014, { extra: `: WazuhAnalysisdQueue socket with path ${queue.path}. ${error.message}` }),
      });
  });
  return outcome;
}

export const EVENTS_MESSAGES = {
  all: 'All events were forwarded to analisysd',
  some: 'Some events were forwarded to analisysd',
  none: 'No events were forwarded to analisysd',
} as const;
