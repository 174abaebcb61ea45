import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WazuhError } from '../../src/core/errors';
import {
  readAnalysisdState,
  readHourlyStats,
  readRemotedState,
  readStatsTotals,
  readWeeklyStats,
  statsTotalsFile,
  writeDemoStats,
} from '../../src/core/stats';
import { TempWazuh, tempWazuh, thrown } from './temp-wazuh';

// The format analysisd appends every hour: rule lines, then the hour's totals and a blank line.
const TOTALS = `15-5303-3-1
15-5501-3-4
15-221-0-653
15--658--4387--0--0

16-5521-0-1
16-530-0-120
16--121--4379--2--0

`;

describe('statistics files', () => {
  let wazuh: TempWazuh;
  beforeEach(() => {
    wazuh = tempWazuh();
  });
  afterEach(() => wazuh.remove());

  test('a day of totals, located by year, month name and day', () => {
    wazuh.write('stats/totals/2024/Mar/ossec-totals-05.log', TOTALS);
    const date = new Date('2024-03-05T00:00:00Z');
    expect(statsTotalsFile(wazuh.paths, date)).toBe(join(wazuh.paths.stats, 'totals', '2024', 'Mar', 'ossec-totals-05.log'));
    expect(readStatsTotals(wazuh.paths, date)).toEqual([
      {
        hour: 15,
        alerts: [{ sigid: 5303, level: 3, times: 1 }, { sigid: 5501, level: 3, times: 4 }, { sigid: 221, level: 0, times: 653 }],
        totalAlerts: 658, events: 4387, syscheck: 0, firewall: 0,
      },
      { hour: 16, alerts: [{ sigid: 5521, level: 0, times: 1 }, { sigid: 530, level: 0, times: 120 }], totalAlerts: 121, events: 4379, syscheck: 2, firewall: 0 },
    ]);
  });

  test('a missing day is 1308 naming the file; a damaged one is 1309', () => {
    const missing = thrown(() => readStatsTotals(wazuh.paths, new Date('2024-03-06T12:00:00Z'))) as WazuhError;
    expect([missing.code, missing.httpStatus]).toEqual([1308, 400]);
    expect(missing.message).toBe(`Stats file does not exist: ${join(wazuh.paths.stats, 'totals/2024/Mar/ossec-totals-06.log')}`);

    wazuh.write('stats/totals/2024/Mar/ossec-totals-07.log', '15--658--4387\n');
    expect((thrown(() => readStatsTotals(wazuh.paths, new Date('2024-03-07'))) as WazuhError).code).toBe(1309);
    wazuh.write('stats/totals/2024/Mar/ossec-totals-08.log', '15-x-3-1\n');
    expect((thrown(() => readStatsTotals(wazuh.paths, new Date('2024-03-08'))) as WazuhError).code).toBe(1309);
  });

  test('hourly averages: missing files count as 0, file 24 is the number of interactions', () => {
    wazuh.write('stats/hourly-average/0', '40');
    wazuh.write('stats/hourly-average/13', '666\n');
    wazuh.write('stats/hourly-average/24', '5');
    const [hourly] = readHourlyStats(wazuh.paths);
    expect(hourly.interactions).toBe(5);
    expect(hourly.averages).toHaveLength(24);
    expect(hourly.averages[0]).toBe(40);
    expect(hourly.averages[13]).toBe(666);
    expect(hourly.averages.filter((value) => value === 0)).toHaveLength(22);
  });

  test('weekly averages: one item per day from Sunday, with hours and interactions', () => {
    wazuh.write('stats/weekly-average/1/9', '120');
    wazuh.write('stats/weekly-average/1/24', '3');
    const weekly = readWeeklyStats(wazuh.paths);
    expect(weekly.map((item) => Object.keys(item)[0])).toEqual(['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']);
    expect(weekly[1].Mon?.hours[9]).toBe(120);
    expect(weekly[1].Mon?.interactions).toBe(3);
    expect(weekly[0].Sun).toEqual({ hours: new Array(24).fill(0), interactions: 0 });
  });

  test('deprecated state files: key=\'value\' lines become numbers', () => {
    wazuh.write('var/run/wazuh-remoted.state', "# State file for wazuh-remoted\n\n# Queue size\nqueue_size='0'\ntotal_queue_size='131072'\nevt_count='9089'\n");
    expect(readRemotedState(wazuh.paths)).toEqual([{ queue_size: 0, total_queue_size: 131072, evt_count: 9089 }]);
    wazuh.write('var/run/wazuh-analysisd.state', "syscheck_queue_usage='0.25'\nevents_received='x'\n");
    const damaged = thrown(() => readAnalysisdState(wazuh.paths)) as WazuhError;
    expect([damaged.code, damaged.httpStatus]).toEqual([1104, 500]);
  });

  test('a missing state file is 1308', () => {
    expect((thrown(() => readAnalysisdState(wazuh.paths)) as WazuhError).code).toBe(1308);
  });
});

describe('demo statistics', () => {
  let wazuh: TempWazuh;
  beforeEach(() => {
    wazuh = tempWazuh();
  });
  afterEach(() => wazuh.remove());

  const now = new Date('2024-06-12T14:25:00Z');

  test('every reader finds consistent files', () => {
    writeDemoStats(wazuh.paths, now);

    const today = readStatsTotals(wazuh.paths, now);
    expect(today.map((hour) => hour.hour)).toEqual(Array.from({ length: 15 }, (_, hour) => hour));
    for (const hour of today) {
      expect(hour.totalAlerts).toBe(hour.alerts.reduce((sum, alert) => sum + alert.times, 0));
      expect(hour.events).toBeGreaterThanOrEqual(hour.totalAlerts);
      expect(hour.syscheck).toBeLessThanOrEqual(hour.totalAlerts);
    }
    expect(readStatsTotals(wazuh.paths, new Date('2024-06-06T00:00:00Z'))).toHaveLength(24);
    expect(() => readStatsTotals(wazuh.paths, new Date('2024-06-05T00:00:00Z'))).toThrow(WazuhError);

    const [hourly] = readHourlyStats(wazuh.paths);
    expect(hourly.averages.every((value) => value > 0)).toBe(true);
    expect(hourly.interactions).toBeGreaterThan(0);
    expect(readWeeklyStats(wazuh.paths).every((day) => Object.values(day)[0]?.hours.every((value) => value > 0))).toBe(true);

    const [analysisd] = readAnalysisdState(wazuh.paths);
    expect(Object.keys(analysisd)).toEqual(expect.arrayContaining([
      'total_events_decoded', 'events_received', 'alerts_written', 'event_queue_usage', 'archives_queue_size',
    ]));
    expect(Object.keys(analysisd)).toHaveLength(42);
    const [remoted] = readRemotedState(wazuh.paths);
    expect(remoted).toMatchObject({ total_queue_size: 131072, tcp_sessions: 4 });
  });

  test('the same day gives the same files', () => {
    writeDemoStats(wazuh.paths, now);
    const first = readFileSync(statsTotalsFile(wazuh.paths, now), 'utf8');
    writeDemoStats(wazuh.paths, new Date('2024-06-12T14:59:00Z'));
    expect(readFileSync(statsTotalsFile(wazuh.paths, now), 'utf8')).toBe(first);
    expect(readdirSync(join(wazuh.paths.stats, 'weekly-average')).sort()).toEqual(['0', '1', '2', '3', '4', '5', '6']);
  });
});
