/**
 * The plain request protocol of the manager's component daemons (logcollector, syscheckd, modulesd, monitord,
 * maild, agentlessd, csyslogd, integratord): `getconfig <section>` answered `ok <json>` or `err <text>`
 * (protocol.md §7.3). Other commands are refused the way the daemons refuse them.
 */
import type { WazuhPaths } from '../../core/paths';
import { readManagerConf } from './conf';
import type { SectionBuilder } from './sections';

export interface PlainComponent {
  /** Socket name under `queue/sockets`. */
  socket: string;
  /** The daemon's name (`wazuh-logcollector`). */
  daemon: string;
  /** How the daemon names itself in its argument error (`LCCOM getconfig needs arguments`). */
  prefix: string;
  sections: Record<string, SectionBuilder>;
  /** execd writes `ok ` and then a space before the JSON; the others write one space. */
  okPrefix?: string;
}

export const COULD_NOT_GET_SECTION = 'err Could not get requested section';

/** Splits `command args` at the first space (the daemons' own `strchr`). */
export function splitCommand(request: string): [string, string | undefined] {
  const text = request.replace(/\0+$/, '');
  const space = text.indexOf(' ');
  return space < 0 ? [text, undefined] : [text.slice(0, space), text.slice(space + 1)];
}

/** One `getconfig` answer for `component`, reading `ossec.conf` now. */
export function answerGetconfig(
  component: PlainComponent,
  paths: Pick<WazuhPaths, 'ossecConf'>,
  section: string | undefined,
): string {
  if (section === undefined || section === '') return `err ${component.prefix} getconfig needs arguments`;
  const builder = Object.prototype.hasOwnProperty.call(component.sections, section) ? component.sections[section] : undefined;
  const data = builder?.(readManagerConf(paths));
  if (!data) return COULD_NOT_GET_SECTION;
  return `${component.okPrefix ?? 'ok '}${JSON.stringify(data)}`;
}

/** The request handler of a component socket. */
export function plainComponentHandler(component: PlainComponent, paths: Pick<WazuhPaths, 'ossecConf'>) {
  return (request: Buffer | string): string => {
    const [command, args] = splitCommand(request.toString());
    if (command === 'getconfig') return answerGetconfig(component, paths, args);
    return 'err Unrecognized command';
  };
}
