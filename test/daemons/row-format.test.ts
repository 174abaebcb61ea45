import { formatNumber, formatRows } from '../../src/daemons/wazuh-db/row-format';

describe('wazuh-db row formatting', () => {
  it('prints numbers as cJSON prints doubles', () => {
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(-42)).toBe('-42');
    expect(formatNumber(253402300799)).toBe('253402300799');
    expect(formatNumber(1e15)).toBe('1e+15');
    expect(formatNumber(1234567890123456)).toBe('1234567890123456');
    expect(formatNumber(2 ** 53 + 2)).toBe('9007199254740994');
    expect(formatNumber(0.1)).toBe('0.1');
    expect(formatNumber(1 / 3)).toBe('0.33333333333333331');
    expect(formatNumber(1.5e-7)).toBe('1.5e-07');
    expect(formatNumber(Number.NaN)).toBe('null');
  });

  it('leaves NULL columns out and keeps column names as given', () => {
    const keys = ['"id"', '"count(*)"', '"os.name"'].map((k) => k);
    const text = formatRows('ok ', keys, [[1, 2, null], [null, null, 'Ubuntu "22"'], [null, null, null]], 65536);
    expect(text).toBe('ok [{"id":1,"count(*)":2},{"os.name":"Ubuntu \\"22\\""},{}]');
    expect(JSON.parse(text.slice(3))).toEqual([{ id: 1, 'count(*)': 2 }, { 'os.name': 'Ubuntu "22"' }, {}]);
  });

  it('stops reading rows once the text passed the cap', () => {
    let read = 0;
    function* rows() {
      for (let i = 0; i < 100000; i++) {
        read++;
        yield [i, 'x'.repeat(100)];
      }
    }
    const text = formatRows('ok ', ['"id"', '"v"'], rows(), 65536);
    expect(text.length).toBeGreaterThan(65536);
    expect(read).toBeLessThan(1000);
  });
});
