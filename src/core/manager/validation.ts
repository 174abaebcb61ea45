/**
 * `GET /manager/configuration/validation` (and the last step of `PUT /manager/configuration`): execd runs the
 * daemons' own configuration tests and answers on `queue/sockets/com` (protocol.md §7.1).
 */
import { existsSync } from 'node:fs';
import { WazuhError, WazuhInternalError } from '../errors';
import type { WazuhPaths } from '../paths';
import type { ManagerPorts, PortCallOptions } from './ports';

export const CHECK_CONFIG_COMMAND = 'check-manager-configuration';

export interface ValidationVerdict {
  status: 'OK';
}

// The useful part of a failing `<daemon> -t` line: what follows the last `ERROR: ` or `CRITICAL: `, without a
// leading `[file:line]`-style tag.
const ERROR_LINE = /^.*(?:ERROR: |CRITICAL: )(?:\[.*\] )?(.*)$/;

/**
 * Reads execd's verdict: `{"error":0,...}` is valid; otherwise the error texts of its output, without repeats,
 * become error 1908. Anything that is not that JSON is 1904.
 */
export function parseExecdVerdict(output: string): ValidationVerdict {
  let reply: { error?: unknown; message?: unknown };
  try {
    reply = JSON.parse(output.replace(/\0+$/, ''));
  } catch (error) {
    throw new WazuhInternalError(1904, { extra: (error as Error).message });
  }
  if (reply === null || typeof reply !== 'object' || !('error' in reply)) {
    throw new WazuhInternalError(1904, { extra: "'error'" });
  }
  if (reply.error === 0) return { status: 'OK' };
  const errors: string[] = [];
  for (const line of String(reply.message ?? '').split(/\r\n|\r|\n/)) {
    const match = ERROR_LINE.exec(line);
    if (match && !errors.includes(match[1])) errors.push(match[1]);
  }
  throw new WazuhError(1908, { extra: errors.join(', ') });
}

/** Asks execd to check the configuration on disk. No `com` socket at all is 1901, as Wazuh reports it. */
export async function validateOssecConf(
  paths: Pick<WazuhPaths, 'sockets'>,
  ports: ManagerPorts,
  options: PortCallOptions = {},
): Promise<ValidationVerdict> {
  const path = paths.sockets.com;
  if (!existsSync(path)) throw new WazuhInternalError(1901);
  let output: string;
  try {
    output = await ports
      .socket(path, { missing: 1013, refused: 1013, io: 1014, closed: 1014, timeout: 1014 })
      .requestText(CHECK_CONFIG_COMMAND, options);
  } catch (error) {
    if (error instanceof WazuhError && error.code === 1013) {
      throw new WazuhInternalError(1013, { extra: `Socket: WAZUH_PATH/queue/sockets/com. Error ${error.message}` });
    }
    throw error;
  }
  return parseExecdVerdict(output);
}
