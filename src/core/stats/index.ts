/** Manager statistics read from files (`stats/`, `var/run/*.state`), and a writer of demo files. */
export {
  analysisdStateFile,
  MONTHS,
  parseStatsTotals,
  readAnalysisdState,
  readDaemonStateFile,
  readHourlyStats,
  readRemotedState,
  readStatsTotals,
  readWeeklyStats,
  remotedStateFile,
  statsTotalsFile,
  WEEK_DAYS,
} from './read';
export type { HourlyAverages, HourTotals, RuleFirings, WeeklyAverages } from './read';
export { writeDemoStats } from './demo';
