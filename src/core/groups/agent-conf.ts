/**
 * A group's shared configuration (`etc/shared/<group>/agent.conf`): read as JSON blocks, and replaced after the
 * checks Wazuh makes (well-formed XML, then `verify-agent-conf`) on a reformatted copy in `tmp/`, which is moved
 * into place only when it passed.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { WazuhError, WazuhInternalError, WazuhResourceNotFound } from '../errors';
import { agentConfToJson, loadWazuhXml, type AgentConfBlock } from '../ossec-conf';
import type { WazuhPaths } from '../paths';
import { groupPath } from './folders';
import { prettyAgentConf, XmlFormatError } from './pretty-xml';
import { verifyAgentConf } from './verify-agent-conf';

function requireGroupFolder(paths: WazuhPaths, group: string): string {
  const folder = groupPath(paths, group);
  if (!existsSync(folder)) throw new WazuhResourceNotFound(1710, { extra: group });
  return folder;
}

/** The blocks of a configuration file as JSON (`agent.conf` of a group). */
export function agentConfBlocks(file: string): AgentConfBlock[] {
  if (!existsSync(file)) throw new WazuhError(1006, { extra: file });
  try {
    return agentConfToJson(loadWazuhXml(readFileSync(file, 'utf8')));
  } catch (error) {
    throw new WazuhError(1101, { extra: (error as Error).message });
  }
}

/** `GET /groups/{group_id}/configuration`: a page of the blocks and how many there are. */
export function readGroupConfiguration(
  paths: WazuhPaths,
  group: string,
  offset = 0,
  limit: number | null = 500,
): { total_affected_items: number; affected_items: AgentConfBlock[] } {
  const folder = requireGroupFolder(paths, group);
  const blocks = agentConfBlocks(join(folder, 'agent.conf'));
  const page = limit === null ? blocks.slice(offset) : blocks.slice(offset, offset + limit);
  return { total_affected_items: blocks.length, affected_items: page };
}

/** `PUT /groups/{group_id}/configuration`: validates and installs a new `agent.conf`. */
export function uploadGroupConfiguration(paths: WazuhPaths, group: string, content: string): string {
  const folder = requireGroupFolder(paths, group);
  if (content.length === 0) throw new WazuhError(1112);
  let pretty: string;
  try {
    pretty = prettyAgentConf(content);
  } catch (error) {
    if (error instanceof XmlFormatError) throw new WazuhError(1113, { extra: error.message });
    throw error;
  }
  const tmpFile = join(paths.tmp, `api_tmp_file_${Date.now()}_${randomBytes(4).toString('hex')}.xml`);
  try {
    writeFileSync(tmpFile, pretty, { mode: 0o660 });
  } catch (error) {
    throw new WazuhError(1113, { extra: (error as Error).message });
  }
  try {
    let problems: string[];
    try {
      problems = verifyAgentConf(loadWazuhXml(pretty), tmpFile);
    } catch (error) {
      throw new WazuhInternalError(1743, { extra: (error as Error).message });
    }
    if (problems.length > 0) throw new WazuhError(1114, { extra: problems.join(' ') });
    const target = join(folder, 'agent.conf');
    try {
      try {
        renameSync(tmpFile, target);
      } catch {
        // tmp/ on another file system: copy, then drop the temporary file
        copyFileSync(tmpFile, target);
      }
      chmodSync(target, 0o660);
    } catch (error) {
      throw new WazuhInternalError(1016, { extra: (error as Error).message });
    }
    return 'Agent configuration was successfully updated';
  } finally {
    rmSync(tmpFile, { force: true });
  }
}
