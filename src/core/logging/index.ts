/**
 * The API log: `logs/api.log` (plain lines) and/or `logs/api.json` (one JSON object per line), as `logs.format`
 * asks, filtered by `logs.level`, rotated daily or by size (see `rotating-file.ts`).
 *
 * Plain:  `2025/01/31 10:00:00 INFO: wazuh 127.0.0.1 "GET /agents" with parameters {} and body {} done in 0.004s: 200`
 * JSON:   `{"timestamp":"2025/01/31 10:00:00","levelname":"INFO","data":{"type":"request","payload":{...}}}`
 */
import { join } from 'node:path';
import winston from 'winston';
import type { ApiLogLevel } from '../config/types';
import { RotatingFileTransport } from './rotating-file';

export { maskSecrets, isSecretKey, MASK } from './mask';
export { RotatingFileTransport } from './rotating-file';

/** One access-log entry; query and body must already be masked. */
export interface AccessEntry {
  user: string;
  ip: string;
  method: string;
  path: string;
  query: unknown;
  body: unknown;
  /** Seconds spent on the request. */
  seconds: number;
  status: number;
  hashAuthContext?: string;
}

export interface ApiLogger {
  error(message: string, cause?: unknown): void;
  warning(message: string): void;
  info(message: string): void;
  debug(message: string): void;
  debug2(message: string): void;
  request(entry: AccessEntry): void;
  /** True when `level` messages are written (lets callers skip building costly debug text). */
  enabled(level: Exclude<ApiLogLevel, 'disabled'>): boolean;
  /** Writes out everything queued, finishes pending compressions and closes the files. */
  close(): Promise<void>;
}

export interface LoggerOptions {
  logsDir: string;
  level: ApiLogLevel;
  format: string;
  /** Size rotation threshold in bytes; daily rotation when absent. */
  maxBytes?: number;
  /** Also print plain lines on stdout (interactive `npm start`). */
  console?: boolean;
}

const LEVELS = { error: 0, warning: 1, info: 2, debug: 3, debug2: 4 } as const;
type Level = keyof typeof LEVELS;

const pad = (n: number) => String(n).padStart(2, '0');
function timestamp(date = new Date()): string {
  return (
    `${date.getFullYear()}/${pad(date.getMonth() + 1)}/${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
  );
}

type Kind = 'request' | 'informative' | 'error';

function accessLine(entry: AccessEntry): string {
  const hash = entry.hashAuthContext ? ` (${entry.hashAuthContext})` : '';
  return (
    `${entry.user}${hash} ${entry.ip} "${entry.method} ${entry.path}" with parameters ${JSON.stringify(entry.query ?? {})} ` +
    `and body ${JSON.stringify(entry.body ?? {})} done in ${entry.seconds.toFixed(3)}s: ${entry.status}`
  );
}

function accessPayload(entry: AccessEntry): Record<string, unknown> {
  return {
    user: entry.user,
    ip: entry.ip,
    http_method: entry.method,
    uri: `${entry.method} ${entry.path}`,
    parameters: entry.query ?? {},
    body: entry.body ?? {},
    time: `${entry.seconds.toFixed(3)}s`,
    status_code: entry.status,
    ...(entry.hashAuthContext ? { hash_auth_context: entry.hashAuthContext } : {}),
  };
}

const plainFormat = winston.format.printf((info) => {
  const text = info.kind === 'request' ? accessLine(info.entry as AccessEntry) : String(info.message);
  return `${timestamp()} ${info.level.toUpperCase()}: ${text}`;
});

const jsonFormat = winston.format.printf((info) =>
  JSON.stringify({
    timestamp: timestamp(),
    levelname: info.level.toUpperCase(),
    data: {
      type: info.kind,
      payload: info.kind === 'request' ? accessPayload(info.entry as AccessEntry) : String(info.message),
    },
  }),
);

function describe(cause: unknown): string {
  if (cause instanceof Error) return cause.stack ?? `${cause.name}: ${cause.message}`;
  return String(cause);
}

export function createApiLogger(options: LoggerOptions): ApiLogger {
  const files: RotatingFileTransport[] = [];
  const formats = new Set(options.format.split(',').map((f) => f.trim()));
  const disabled = options.level === 'disabled';
  if (!disabled && formats.has('plain')) {
    files.push(new RotatingFileTransport({ file: join(options.logsDir, 'api.log'), maxBytes: options.maxBytes, format: plainFormat }));
  }
  if (!disabled && formats.has('json')) {
    files.push(new RotatingFileTransport({ file: join(options.logsDir, 'api.json'), maxBytes: options.maxBytes, format: jsonFormat }));
  }
  const transports: winston.transport[] = [...files];
  if (!disabled && options.console) transports.push(new winston.transports.Console({ format: plainFormat }));

  const logger = winston.createLogger({
    levels: LEVELS,
    level: disabled ? 'error' : options.level,
    silent: disabled || transports.length === 0,
    transports,
    exitOnError: false,
  });
  // A transport failing (disk full, permissions) must not crash the API: report it once on stderr.
  let reported = false;
  logger.on('error', (error) => {
    if (!reported) process.stderr.write(`API log error: ${describe(error)}\n`);
    reported = true;
  });
  const threshold = disabled ? -1 : LEVELS[options.level as Level];
  let closing: Promise<void> | undefined;
  const write = (level: Level, kind: Kind, message: string, extra: Record<string, unknown> = {}) => {
    // Once closing has begun the streams are ending: a late line (a connection cut at shutdown) is dropped.
    if (LEVELS[level] > threshold || closing) return;
    logger.log({ level, message, kind, ...extra });
  };

  return {
    error: (message, cause) => write('error', 'error', cause === undefined ? message : `${message}: ${describe(cause)}`),
    warning: (message) => write('warning', 'informative', message),
    info: (message) => write('info', 'informative', message),
    debug: (message) => write('debug', 'informative', message),
    debug2: (message) => write('debug2', 'informative', message),
    request: (entry) => write('info', 'request', '', { entry }),
    enabled: (level) => LEVELS[level] <= threshold,
    close: () => (closing ??= drain(logger, files)),
  };
}

/**
 * winston buffers lines when the disk is slower than the API; ending it with a backlog and two transports crashes
 * with "write after end", and exiting loses the backlog. So wait for the queue to empty, end the logger, wait for
 * every transport to finish, then flush the files.
 */
async function drain(logger: winston.Logger, files: RotatingFileTransport[]): Promise<void> {
  const deadline = Date.now() + 10_000;
  while ((logger.readableLength > 0 || logger.writableLength > 0) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const finished = logger.transports.map((t) => new Promise<void>((resolve) => t.once('finish', () => resolve())));
  logger.end();
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise((resolve) => (timer = setTimeout(resolve, 5_000)));
  await Promise.race([Promise.all(finished), bound]);
  clearTimeout(timer);
  await Promise.all(files.map((file) => file.flush()));
}

/** A logger that writes nothing (unit tests, tools). */
export const silentLogger: ApiLogger = {
  error: () => undefined,
  warning: () => undefined,
  info: () => undefined,
  debug: () => undefined,
  debug2: () => undefined,
  request: () => undefined,
  enabled: () => false,
  close: async () => undefined,
};
