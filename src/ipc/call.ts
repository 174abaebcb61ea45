/**
 * One call's time budget and cancellation. Every socket operation takes a timeout and an optional AbortSignal;
 * whatever happens first (timeout, abort, completion) settles the call once, and cleanup hooks run on cancel.
 */

export interface CallOptions {
  /** Milliseconds for the whole call: waiting for a connection, connecting, sending and receiving. */
  timeoutMs?: number;
  /** Abort from the caller (the HTTP request was cancelled, a fan-out gave up...). */
  signal?: AbortSignal;
}

export class CallBudget {
  private cancelledWith: Error | undefined;
  private hooks = new Set<(error: Error) => void>();
  private timer: NodeJS.Timeout | undefined;
  private readonly onAbort = () => this.cancel(this.abortError());

  constructor(
    timeoutMs: number,
    private readonly signal: AbortSignal | undefined,
    private readonly timeoutError: () => Error,
    private readonly abortError: () => Error,
  ) {
    if (signal?.aborted) {
      this.cancelledWith = abortError();
      return;
    }
    this.timer = setTimeout(() => this.cancel(this.timeoutError()), Math.max(0, timeoutMs));
    signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  get cancelled(): Error | undefined {
    return this.cancelledWith;
  }

  /** Runs `hook` when the call is cancelled (at once if it already was). Returns an unregister function. */
  onCancel(hook: (error: Error) => void): () => void {
    if (this.cancelledWith) {
      hook(this.cancelledWith);
      return () => undefined;
    }
    this.hooks.add(hook);
    return () => this.hooks.delete(hook);
  }

  /** Stops the clock; hooks no longer run. */
  finish(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.signal?.removeEventListener('abort', this.onAbort);
    this.hooks.clear();
  }

  private cancel(error: Error): void {
    if (this.cancelledWith) return;
    this.cancelledWith = error;
    const hooks = [...this.hooks];
    this.finish();
    for (const hook of hooks) hook(error);
  }
}
