/**
 * `PUT /manager/configuration`: check an uploaded `ossec.conf`, put it in place, let the manager validate it, and
 * put the previous file back if anything fails.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { WazuhError } from '../errors';
import type { WazuhPaths } from '../paths';
import { checkUploadRules, DEFAULT_UPLOAD_RULES, UploadConfigurationRules, VirusTotalQuotaLookup } from './upload-rules';
import { checkStrictXml, loadWazuhXml, XmlElement } from './xml';

export interface UploadCheckOptions {
  /** The `upload_configuration` block of the API configuration; every protection is off by default. */
  rules?: UploadConfigurationRules;
  virusTotalQuota?: VirusTotalQuotaLookup;
}

export interface ReplaceOssecConfOptions extends UploadCheckOptions {
  /**
   * The manager's own check of the file now in place (execd's `check-manager-configuration`). Resolve with
   * `{status: 'OK'}` when valid; reject (e.g. error 1908) when not.
   */
  validate: () => Promise<{ status: string }>;
}

const EMPTY_ROOT: XmlElement = { tag: 'root_tag', attrs: {}, text: null, children: [] };

function parseForUpload(text: string): XmlElement {
  try {
    return loadWazuhXml(text);
  } catch (error) {
    throw new WazuhError(1113, { extra: (error as Error).message });
  }
}

function currentConf(file: string): XmlElement {
  if (!existsSync(file)) return EMPTY_ROOT;
  return parseForUpload(readFileSync(file, 'utf8'));
}

/**
 * Everything checked before the file is touched: not empty (1125), XML (1113), and the `upload_configuration`
 * protections against the current file (1124, 1127, 1129, 1130, 1131).
 */
export async function checkOssecConfUpload(
  paths: Pick<WazuhPaths, 'ossecConf'>,
  content: string,
  options: UploadCheckOptions = {},
): Promise<void> {
  if (!content) throw new WazuhError(1125);
  const problem = checkStrictXml(content);
  if (problem) throw new WazuhError(1113, { extra: problem });
  const incoming = parseForUpload(content);
  await checkUploadRules(incoming, currentConf(paths.ossecConf), options.rules ?? DEFAULT_UPLOAD_RULES, options.virusTotalQuota);
}

/** Writes through a temporary file in the same folder and renames it over the target, keeping its mode. */
function writeAtomically(file: string, content: string): void {
  const mode = existsSync(file) ? statSync(file).mode & 0o7777 : 0o660;
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const fd = openSync(temp, 'w', mode);
    try {
      writeSync(fd, content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
  } catch (error) {
    if (existsSync(temp)) unlinkSync(temp);
    throw new WazuhError(1126, { extra: (error as Error).message });
  }
}

// One replacement at a time per file: two overlapping uploads would otherwise share the backup file.
const queues = new Map<string, Promise<unknown>>();

function serialized<T>(key: string, task: () => Promise<T>): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve();
  const run = previous.then(task, task);
  const tail = run.catch(() => undefined);
  queues.set(key, tail);
  void tail.then(() => {
    if (queues.get(key) === tail) queues.delete(key);
  });
  return run;
}

/**
 * Replaces `etc/ossec.conf` with `content`. The current file is kept as `ossec.conf.backup` while the manager
 * validates the new one; on any failure it is moved back, on success it is removed. Errors are thrown as
 * WazuhErrors (1019 backup, 1113/1124/1125/1126/1127/1129/1130/1131, or whatever `validate` raises).
 */
export function replaceOssecConf(
  paths: Pick<WazuhPaths, 'ossecConf'>,
  content: string,
  options: ReplaceOssecConfOptions,
): Promise<void> {
  return serialized(paths.ossecConf, async () => {
    await checkOssecConfUpload(paths, content, options);
    const file = paths.ossecConf;
    const backup = `${file}.backup`;
    const hadFile = existsSync(file);
    if (hadFile) {
      try {
        copyFileSync(file, backup);
      } catch {
        throw new WazuhError(1019);
      }
    }
    try {
      writeAtomically(file, content);
      const verdict = await options.validate();
      if (!verdict || verdict.status !== 'OK') throw new WazuhError(1125);
      if (existsSync(backup)) unlinkSync(backup);
    } catch (error) {
      if (existsSync(backup)) renameSync(backup, file);
      else if (!hadFile && existsSync(file)) unlinkSync(file);
      throw error;
    }
  });
}
