/**
 * The wazuh-execd stand-in's logic: the `queue/sockets/com` requests (protocol.md §7.1) and the restart requests
 * arriving on `queue/alerts/execq` (§7.2).
 *
 * A restart is acted out without stopping anything: execd logs it, and `var/run/.restart` exists for a short
 * window, during which every daemon reads as `restarting` and API requests get 1017 as on a real manager. The
 * API process and the stand-ins keep running.
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WazuhPaths } from '../../core/paths';
import { answerGetconfig, splitCommand, type PlainComponent } from '../components/plain-service';
import { EXECD_SECTIONS } from '../components/sections';
import { checkManagerConfiguration } from './check-config';

export type Logger = (level: 'INFO' | 'WARNING' | 'ERROR', message: string) => void;

export const EXECD_COMPONENT: PlainComponent = {
  socket: 'com',
  daemon: 'wazuh-execd',
  prefix: 'WCOM',
  sections: EXECD_SECTIONS,
  okPrefix: 'ok  ',
};

export interface ExecdOptions {
  /** How long `var/run/.restart` stays after a restart request (default 1500 ms). */
  restartWindowMs?: number;
}

export class ExecdService {
  private restartTimer: NodeJS.Timeout | undefined;
  private readonly restartWindowMs: number;
  /** Restart requests seen since start, oldest first. */
  readonly restarts: Array<{ at: Date; source: 'execq' | 'com' }> = [];

  constructor(
    private readonly paths: WazuhPaths,
    private readonly log: Logger,
    options: ExecdOptions = {},
  ) {
    this.restartWindowMs = options.restartWindowMs ?? 1500;
  }

  private get restartMarker(): string {
    return join(this.paths.varRun, '.restart');
  }

  /** One request of `queue/sockets/com`. */
  handleCom(request: Buffer | string): string {
    const [command, args] = splitCommand(request.toString());
    switch (command) {
      case 'getconfig':
        if (args === 'cluster' && !existsSync(this.paths.sockets.cluster)) {
          return 'err Unable to connect with socket. The component might be disabled';
        }
        return answerGetconfig(EXECD_COMPONENT, this.paths, args);
      case 'check-manager-configuration':
        return JSON.stringify(checkManagerConfiguration(this.paths));
      case 'restart':
      case 'restart-wazuh':
        this.restart('com');
        return 'ok ';
      default:
        return 'err Unrecognized command';
    }
  }

  /** One datagram of `queue/alerts/execq`: a JSON active-response message, or a legacy `<command> ...` line. */
  handleExecq(message: Buffer | string): void {
    const text = message.toString().replace(/\0+$/, '');
    let command: string | undefined;
    if (text.startsWith('{')) {
      try {
        command = (JSON.parse(text) as { command?: unknown }).command as string | undefined;
      } catch {
        this.log('WARNING', `Invalid message received on the execution queue: ${text.slice(0, 120)}`);
        return;
      }
    } else {
      command = text.split(' ')[0];
    }
    if (typeof command === 'string' && /^restart-(wazuh|ossec)\d*$/.test(command)) {
      this.restart('execq');
      return;
    }
    this.log('WARNING', `Active response command not present: '${String(command)}'. Not executed.`);
  }

  private restart(source: 'execq' | 'com'): void {
    this.restarts.push({ at: new Date(), source });
    this.log('INFO', 'Restarting Wazuh manager (requested through the execution queue).');
    if (this.restartWindowMs <= 0) return;
    try {
      writeFileSync(this.restartMarker, '');
    } catch {
      return;
    }
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = setTimeout(() => this.finishRestart(), this.restartWindowMs);
    this.restartTimer.unref();
  }

  private finishRestart(): void {
    this.restartTimer = undefined;
    rmSync(this.restartMarker, { force: true });
    this.log('INFO', 'Wazuh manager restarted.');
  }

  /** Ends a restart in progress at once (daemon stop). */
  close(): void {
    if (this.restartTimer) {
      clearTimeout(this.restartTimer);
      this.finishRestart();
    }
  }
}
