/** `GET /`: who this API is (from the spec's `info`, as Wazuh reads it), on which host, and when. */
import { hostname } from 'node:os';
import type { Handler } from '../src/api/context';
import { WazuhResult } from '../src/core/results';

/** `YYYY-MM-DDTHH:MM:SSZ`, the framework's own date format. */
export function utcTimestamp(date = new Date()): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const default_info: Handler = async ({ services }) => {
  const info = services.apiInfo;
  return new WazuhResult({
    data: {
      title: info.title,
      api_version: info.version,
      revision: info.revision,
      license_name: info.licenseName,
      license_url: info.licenseUrl,
      hostname: hostname(),
      timestamp: utcTimestamp(),
    },
  });
};

export const handlers: Record<string, Handler> = { default_info };
