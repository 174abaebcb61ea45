/** Waiting helpers shared by the tests: polling for a state the daemons reach asynchronously, expected failures. */
import { WazuhError } from '../../src/core/errors';

/**
 * Polls `probe` until it gives a value other than `undefined` or `false`, and returns that value; fails after
 * `ms` milliseconds, naming `what` it was waiting for.
 */
export async function waitFor<T>(
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  ms = 5000,
  what = 'a condition',
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Waits until `check` stops throwing (an assertion about something written asynchronously) and returns its value. */
export async function eventually<T>(check: () => T, timeoutMs = 3000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

/** The Wazuh error `promise` rejects with; fails when it resolves or rejects with anything else. */
export async function wazuhErrorOf(promise: Promise<unknown>): Promise<WazuhError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof WazuhError) return error;
    throw error;
  }
  throw new Error('expected a WazuhError');
}
