/** Syscheck (file integrity monitoring): scans, per-agent results, last scan and clearing old agents' data. */
export {
  FIM_MODEL,
  FIM_SUMMARY_MODEL,
  FIM_CLEAR_MAX_VERSION,
  clearFimEntries,
  lastFimScan,
  listFimEntries,
  type ClearDeps,
  type FimFilterName,
  type FimQuery,
} from './fim';
export { restartScans, SYSCHECK_RESTART, type ScanDeps } from './scan';

/** Result messages of the syscheck operations (Wazuh's texts). */
export const SYSCHECK_MESSAGES = {
  run: {
    all: 'Syscheck scan was restarted on returned agents',
    some: 'Syscheck scan was not restarted on some agents',
    none: 'No syscheck scan was restarted',
  },
  clear: {
    all: 'Syscheck database was cleared on returned agents',
    some: 'Syscheck database was not cleared on some agents',
    none: 'No syscheck database was cleared',
  },
  files: {
    all: 'FIM findings of the agent were returned',
    some: '',
    none: 'No FIM information was returned',
  },
  lastScan: {
    all: 'Last syscheck scan of the agent was returned',
    some: '',
    none: 'No last scan information was returned',
  },
} as const;
