/**
 * Readers for the plain-text files a group folder (and `etc/shared/ar.conf`) may hold, giving the JSON shapes
 * `GET /groups/{group_id}/files/{file_name}` returns: rootcheck policy files (`*.txt` RCL), the rootkit databases,
 * the active-response command list and `merged.mg`, the bundle the manager sends to agents.
 */
import { WazuhError } from '../errors';

const COMMENT = /^\s*#/;

function lines(text: string): string[] {
  // Python iterates a file keeping each line's newline; a trailing newline does not start a new line.
  const parts = text.split(/(?<=\n)/);
  return parts.length > 0 && parts[parts.length - 1] === '' ? parts.slice(0, -1) : parts;
}

export interface RclControl {
  name?: string;
  cis?: string[];
  pci?: string[];
  condition?: string;
  reference?: string;
  checks?: string[];
}

/**
 * A rootcheck policy (`[name {CIS: ...} {PCI: ...}] [any|all] [reference]` headers followed by checks, and
 * `$var=value` lines). As in Wazuh, the list of controls starts with the (empty) entry open before the first
 * header.
 */
export function parseRcl(text: string): { vars: Record<string, string>; controls: RclControl[] } {
  const data = { vars: {} as Record<string, string>, controls: [] as RclControl[] };
  const title = /^\s*\[(.*)\]\s*\[(.*)\]\s*\[(.*)\]\s*/;
  const nameGroup = /(\{\w+:\s+\S+\s*\S*\})/g;
  const check = /^\s*(\w:.+)/;
  const variable = /^\s*\$(\w+)=(.+)/;
  let item: RclControl = {};
  for (const line of lines(text)) {
    if (COMMENT.test(line)) continue;
    const header = title.exec(line);
    if (header) {
      data.controls.push(item);
      const [, name, condition, reference] = header;
      const end = name.indexOf('{');
      item = { name: (end < 0 ? name : name.slice(0, end)).trim() };
      const cis: string[] = [];
      const pci: string[] = [];
      for (const group of name.match(nameGroup) ?? []) {
        const value = group.split(':').pop()!.slice(0, -1).trim();
        if (group.includes('CIS')) cis.push(value);
        else if (group.includes('PCI')) pci.push(value);
      }
      item.cis = cis;
      item.pci = pci;
      if (condition) item.condition = condition;
      if (reference) item.reference = reference;
      item.checks = [];
      continue;
    }
    const matchCheck = check.exec(line);
    if (matchCheck) {
      if (!item.checks) throw new WazuhError(1101, { extra: "'checks'" });
      item.checks.push(matchCheck[1].replace(/\n$/, ''));
      continue;
    }
    const matchVar = variable.exec(line);
    if (matchVar) data.vars[matchVar[1]] = matchVar[2].replace(/\n$/, '');
  }
  data.controls.push(item);
  return data;
}

/** `rootkit_files.txt`: `file ! Name ::link` lines. */
export function parseRootkitFiles(text: string): Array<{ filename: string; name: string; link: string }> {
  const out: Array<{ filename: string; name: string; link: string }> = [];
  for (const line of lines(text)) {
    if (COMMENT.test(line)) continue;
    const match = /^(.+)!(.+)::(.+)/.exec(line);
    if (match) out.push({ filename: match[1].trim(), name: match[2].trim(), link: match[3].trim() });
  }
  return out;
}

/** `rootkit_trojans.txt`: `file !string!description` lines (the description may be missing). */
export function parseRootkitTrojans(text: string): Array<{ filename: string; name: string; description?: string }> {
  const out: Array<{ filename: string; name: string; description?: string }> = [];
  for (const line of lines(text)) {
    if (COMMENT.test(line)) continue;
    const full = /^(.+)!(.+)!(.+)/.exec(line);
    const binary = /^(.+)!(.+)!/.exec(line);
    if (full) out.push({ filename: full[1].trim(), name: full[2].trim(), description: full[3].trim() });
    else if (binary) out.push({ filename: binary[1].trim(), name: binary[2].trim() });
  }
  return out;
}

/** `ar.conf`: its lines, as they are. */
export function parseArConf(text: string): string[] {
  return lines(text).map((line) => line.replace(/\n$/, ''));
}

/** `merged.mg`: after its first line, `!<size> <file name>` headers each followed by that file's content. */
export function parseMergedMg(text: string): Array<{ file_name?: string; file_size?: number; file_content?: string }> {
  const out: Array<{ file_name?: string; file_size?: number; file_content?: string }> = [];
  const all = lines(text);
  if (all.length === 0) throw new WazuhError(1101, { extra: 'empty merged.mg' });
  let item: { file_name?: string; file_size?: number; file_content?: string } = {};
  let content: string[] = [];
  for (const line of all.slice(1)) {
    const header = /^!(\d+)\s*(.*)/.exec(line);
    if (header) {
      if (Object.keys(item).length > 0) {
        item.file_content = content.join('');
        out.push(item);
      }
      item = { file_name: header[2].replace(/\n$/, ''), file_size: Number(header[1]) };
      content = [];
      continue;
    }
    content.push(line);
  }
  // Wazuh leaves the last file without its content; it is given here like the others.
  if (Object.keys(item).length > 0) item.file_content = content.join('');
  out.push(item);
  return out;
}
