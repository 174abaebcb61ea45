/** The files of a group folder: listed with their checksums, or read as JSON or as they are. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { WazuhError, WazuhInternalError, WazuhResourceNotFound } from '../errors';
import { defineQueryModel, type QueryParams, queryArray } from '../query';
import type { WazuhPaths } from '../paths';
import { agentConfBlocks } from './agent-conf';
import { parseArConf, parseMergedMg, parseRcl, parseRootkitFiles, parseRootkitTrojans } from './file-formats';
import { groupExists, groupPath } from './folders';
import { fileHash } from './hash';

const GROUP_FILES_MODEL = defineQueryModel({
  name: 'group files',
  from: 'files',
  fields: { filename: { sql: 'filename' }, hash: { sql: 'hash' } },
  alwaysSelect: ['filename'],
  defaultSort: { field: 'filename', order: 'asc' },
});

/** `GET /groups/{group_id}/files`: the folder's entries plus the shared `ar.conf`. */
export function listGroupFiles(paths: WazuhPaths, group: string, params: QueryParams, algorithm = 'md5') {
  if (!groupExists(paths, group)) return { missing: true as const };
  const folder = groupPath(paths, group);
  let entries: string[];
  try {
    entries = readdirSync(folder);
  } catch (error) {
    throw new WazuhInternalError(1727, { extra: (error as Error).message });
  }
  const rows = entries.map((filename) => ({ filename, hash: fileHash(join(folder, filename), algorithm) ?? null }));
  rows.push({ filename: 'ar.conf', hash: fileHash(paths.arConf, algorithm) ?? null });
  const result = queryArray(GROUP_FILES_MODEL, { name: 'files', columns: { filename: 'TEXT', hash: 'TEXT' } }, rows, params);
  return { missing: false as const, ...result };
}

const TYPES = ['conf', 'rootkit_files', 'rootkit_trojans', 'rcl'] as const;

/** Content type of a file answered raw: XML for `agent.conf`, otherwise guessed from the extension. */
export function rawContentType(fileName: string): string {
  if (fileName === 'agent.conf') return 'application/xml; charset=utf-8';
  const byExtension: Record<string, string> = {
    '.xml': 'application/xml',
    '.json': 'application/json',
    '.txt': 'text/plain',
    '.conf': 'text/plain',
    '.yml': 'application/yaml',
    '.yaml': 'application/yaml',
  };
  return `${byExtension[extname(fileName).toLowerCase()] ?? 'text/plain'}; charset=utf-8`;
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new WazuhError(1101, { extra: (error as Error).message });
  }
}

/**
 * `GET /groups/{group_id}/files/{file_name}`: the file as text (`raw`) or parsed according to `type`, or to its
 * name when no type is given. `ar.conf` is the manager's shared one.
 */
export function readGroupFile(
  paths: WazuhPaths,
  group: string,
  fileName: string,
  options: { type?: string; raw?: boolean } = {},
): unknown {
  const folder = groupPath(paths, group);
  if (!existsSync(folder)) throw new WazuhResourceNotFound(1710, { extra: group });
  if (fileName.includes('/') || fileName === '.' || fileName === '..') throw new WazuhError(1006, { extra: fileName });
  const file = fileName === 'ar.conf' ? paths.arConf : join(folder, fileName);
  if (!existsSync(file)) throw new WazuhError(1006, { extra: file });
  if (options.raw) return readText(file);

  const asConf = () => {
    const blocks = agentConfBlocks(file);
    return { total_affected_items: blocks.length, affected_items: blocks };
  };
  if (options.type !== undefined) {
    switch (options.type) {
      case 'conf':
        return asConf();
      case 'rootkit_files':
        return parseRootkitFiles(readText(file));
      case 'rootkit_trojans':
        return parseRootkitTrojans(readText(file));
      case 'rcl':
        return parseRcl(readText(file));
      default:
        throw new WazuhError(1104, { extra: `${options.type}. Valid types: ${TYPES.join(', ')}` });
    }
  }
  switch (fileName) {
    case 'agent.conf':
      return asConf();
    case 'rootkit_files.txt':
      return parseRootkitFiles(readText(file));
    case 'rootkit_trojans.txt':
      return parseRootkitTrojans(readText(file));
    case 'ar.conf':
      return parseArConf(readText(file));
    case 'merged.mg':
      return parseMergedMg(readText(file));
    default:
      return parseRcl(readText(file));
  }
}
