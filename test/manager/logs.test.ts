import { queryManagerLogs, type LogEntry } from '../../src/core/manager';

const entries: LogEntry[] = [
  { timestamp: '2024-05-01T10:00:00Z', tag: 'wazuh-remoted', level: 'info', description: ' Started' },
  { timestamp: '2024-05-01T10:00:01Z', tag: 'wazuh-analysisd', level: 'warning', description: ' Slow decoder' },
  { timestamp: '2024-05-01T10:00:01Z', tag: 'wazuh-analysisd', level: 'error', description: ' Rule 5 failed' },
  { timestamp: '2024-05-01T10:00:02Z', tag: 'wazuh-db', level: 'info', description: ' Database ready' },
];

describe('manager log queries', () => {
  it('sorts newest first by default, keeping file order among equal timestamps', () => {
    const { items, total } = queryManagerLogs(entries);
    expect(total).toBe(4);
    expect(items.map((item) => item.description)).toEqual([' Database ready', ' Slow decoder', ' Rule 5 failed', ' Started']);
    expect(items[0]).toEqual(entries[3]);
  });

  it('applies level and tag as q conditions, with the user q', () => {
    expect(queryManagerLogs(entries, { level: 'info' }).total).toBe(2);
    expect(queryManagerLogs(entries, { level: 'info', tag: 'wazuh-db' }).items).toEqual([entries[3]]);
    expect(queryManagerLogs(entries, { tag: 'wazuh-analysisd', q: 'level!=warning' }).items).toEqual([entries[2]]);
  });

  it('searches, selects, pages and reports the total of all matches', () => {
    const searched = queryManagerLogs(entries, { search: 'analysisd', sort: '+timestamp', limit: 1, offset: 1 });
    expect(searched.total).toBe(2);
    expect(searched.items).toEqual([entries[2]]);
    expect(queryManagerLogs(entries, { select: 'tag', distinct: true, sort: '+tag' }).items).toEqual([
      { tag: 'wazuh-analysisd' },
      { tag: 'wazuh-db' },
      { tag: 'wazuh-remoted' },
    ]);
    expect(queryManagerLogs(entries, { search: '-analysisd' }).total).toBe(2);
  });

  it('refuses unknown fields with the query language codes', () => {
    expect(() => queryManagerLogs(entries, { q: 'pid=3' })).toThrow(expect.objectContaining({ code: 1408 }));
    expect(() => queryManagerLogs(entries, { select: 'pid' })).toThrow(expect.objectContaining({ code: 1724 }));
    expect(() => queryManagerLogs(entries, { sort: '-line' })).toThrow(expect.objectContaining({ code: 1403 }));
  });
});
