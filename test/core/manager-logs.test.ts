import { WazuhError } from '../../src/core/errors';
import {
  filterManagerLogs,
  readManagerLogs,
  summarizeManagerLogs,
  tailLines,
} from '../../src/core/manager-logs';
import { TempWazuh, tempWazuh, thrown } from './temp-wazuh';

const PLAIN = [
  '2024/05/01 10:00:00 wazuh-analysisd: INFO: Total rules enabled: \'6100\'',
  '2024/05/01 10:00:01 wazuh-remoted[4321]: WARNING: (1213): Message from \'10.0.0.9\' not allowed.',
  '2024/05/01 10:00:02 wazuh-modulesd:syscollector: INFO: Evaluation finished.',
  '2024/05/01 10:00:03 rootcheck: ERROR: Cannot open /etc/shadow',
  '2024/05/01 10:00:04 wazuh-syscheckd: DEBUG: Scanning /etc',
  '  continuation of a wrapped message, skipped',
  'Traceback (most recent call last):',
  '2024/02/30 10:00:05 wazuh-db: INFO: an impossible date is skipped',
  '2024/05/01 10:00:06 wazuh-db: Info: a level that is not upper-case is skipped',
  '2024/05/01 10:00:07 wazuh-db: CRITICAL: Database corrupted',
  '2024/05/01 10:00:08 wazuh-authd: INFO:',
];

describe('manager log', () => {
  let wazuh: TempWazuh;
  beforeEach(() => {
    wazuh = tempWazuh();
  });
  afterEach(() => wazuh.remove());

  test('plain lines become entries; malformed lines are skipped', () => {
    wazuh.write('logs/ossec.log', `${PLAIN.join('\n')}\n`);
    expect(readManagerLogs(wazuh.paths)).toEqual([
      { timestamp: '2024-05-01T10:00:00Z', tag: 'wazuh-analysisd', level: 'info', description: " Total rules enabled: '6100'" },
      { timestamp: '2024-05-01T10:00:01Z', tag: 'wazuh-remoted[4321]', level: 'warning', description: " (1213): Message from '10.0.0.9' not allowed." },
      { timestamp: '2024-05-01T10:00:02Z', tag: 'wazuh-modulesd:syscollector', level: 'info', description: ' Evaluation finished.' },
      { timestamp: '2024-05-01T10:00:03Z', tag: 'wazuh-rootcheck', level: 'error', description: ' Cannot open /etc/shadow' },
      { timestamp: '2024-05-01T10:00:04Z', tag: 'wazuh-syscheckd', level: 'debug', description: ' Scanning /etc' },
      { timestamp: '2024-05-01T10:00:07Z', tag: 'wazuh-db', level: 'critical', description: ' Database corrupted' },
      { timestamp: '2024-05-01T10:00:08Z', tag: 'wazuh-authd', level: 'info', description: '' },
    ]);
  });

  test('the JSON log is read when that is the active format', () => {
    wazuh.write('logs/ossec.json', [
      JSON.stringify({ timestamp: '2024/05/01 11:00:00', tag: 'wazuh-remoted', level: 'INFO', description: 'Started (pid: 12).' }),
      '{"timestamp": "2024/05/01 11:00:01", "tag": "wazuh-modulesd:rootcheck", "level": "warning", "description": "x"}',
      'not json',
      JSON.stringify({ timestamp: '2024/05/01 11:00:02', tag: 'wazuh-db' }),
    ].join('\n'));
    expect(readManagerLogs(wazuh.paths, 'json')).toEqual([
      { timestamp: '2024-05-01T11:00:00Z', tag: 'wazuh-remoted', level: 'info', description: 'Started (pid: 12).' },
      { timestamp: '2024-05-01T11:00:01Z', tag: 'wazuh-rootcheck', level: 'warning', description: 'x' },
    ]);
  });

  test('a missing log file is internal error 1020', () => {
    wazuh.write('logs/ossec.log', PLAIN[0]);
    const error = thrown(() => readManagerLogs(wazuh.paths, 'json')) as WazuhError;
    expect([error.code, error.httpStatus]).toEqual([1020, 500]);
  });

  test('only the last 2000 lines are read', () => {
    const lines = Array.from({ length: 2600 }, (_, index) =>
      `2024/05/01 ${String(Math.floor(index / 3600)).padStart(2, '0')}:${String(Math.floor(index / 60) % 60).padStart(2, '0')}:${String(index % 60).padStart(2, '0')} wazuh-db: INFO: line ${index}`);
    wazuh.write('logs/ossec.log', `${lines.join('\n')}\n`);
    const entries = readManagerLogs(wazuh.paths);
    expect(entries).toHaveLength(2000);
    expect(entries[0].description).toBe(' line 600');
    expect(entries[1999].description).toBe(' line 2599');
  });

  test('tail reads whole lines across block edges, with or without a final line break', () => {
    const long = Array.from({ length: 300 }, (_, index) => `${index}:${'x'.repeat(997)}`);
    const file = wazuh.write('logs/long.log', long.join('\n'));
    expect(tailLines(file, 100)).toEqual(long.slice(-100));
    wazuh.write('logs/long.log', `${long.join('\r\n')}\r\n`);
    expect(tailLines(file, 3)).toEqual(long.slice(-3));
    expect(tailLines(file, 1000)).toEqual(long);
    expect(tailLines(wazuh.write('logs/empty.log', ''), 5)).toEqual([]);
  });

  test('summary counts levels per tag, sorted by tag', () => {
    wazuh.write('logs/ossec.log', `${PLAIN.join('\n')}\n2024/05/01 10:01:00 wazuh-db: ERROR: again\n`);
    expect(summarizeManagerLogs(readManagerLogs(wazuh.paths))).toEqual([
      { 'wazuh-analysisd': { all: 1, info: 1, error: 0, critical: 0, warning: 0, debug: 0 } },
      { 'wazuh-authd': { all: 1, info: 1, error: 0, critical: 0, warning: 0, debug: 0 } },
      { 'wazuh-db': { all: 2, info: 0, error: 1, critical: 1, warning: 0, debug: 0 } },
      { 'wazuh-modulesd:syscollector': { all: 1, info: 1, error: 0, critical: 0, warning: 0, debug: 0 } },
      { 'wazuh-remoted[4321]': { all: 1, info: 0, error: 0, critical: 0, warning: 1, debug: 0 } },
      { 'wazuh-rootcheck': { all: 1, info: 0, error: 1, critical: 0, warning: 0, debug: 0 } },
      { 'wazuh-syscheckd': { all: 1, info: 0, error: 0, critical: 0, warning: 0, debug: 1 } },
    ]);
  });

  test('level and tag filters', () => {
    wazuh.write('logs/ossec.log', PLAIN.join('\n'));
    const entries = readManagerLogs(wazuh.paths);
    expect(filterManagerLogs(entries, { level: 'info' }).map((item) => item.tag)).toEqual([
      'wazuh-analysisd', 'wazuh-modulesd:syscollector', 'wazuh-authd',
    ]);
    expect(filterManagerLogs(entries, { level: 'info', tag: 'wazuh-authd' })).toHaveLength(1);
    expect(filterManagerLogs(entries, {})).toHaveLength(entries.length);
  });
});
