import { formatEpochOffset, formatEpochZ } from '../../src/core/query';

/** What the formatters must print, computed through `Date` (which the formatters avoid for speed). */
function reference(value: unknown, suffix: string): unknown {
  const seconds = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) return value;
  const date = new Date(Math.floor(seconds) * 1000);
  const year = date.getUTCFullYear();
  if (Number.isNaN(date.getTime()) || year > 9999 || year < 0) return value;
  return `${date.toISOString().slice(0, 19)}${suffix}`;
}

describe('epoch date formatting', () => {
  it('prints the fixed cases', () => {
    expect(formatEpochOffset(1750803207)).toBe('2025-06-24T22:13:27+00:00');
    expect(formatEpochZ('1750803207')).toBe('2025-06-24T22:13:27Z');
    expect(formatEpochOffset(0)).toBe('1970-01-01T00:00:00+00:00');
    expect(formatEpochOffset(951782400)).toBe('2000-02-29T00:00:00+00:00');
    expect(formatEpochOffset(-1)).toBe('1969-12-31T23:59:59+00:00');
    expect(formatEpochOffset(-62167219200)).toBe('0000-01-01T00:00:00+00:00');
    expect(formatEpochOffset(253402300799)).toBe('9999-12-31T23:59:59+00:00');
  });

  it('leaves values that are not usable timestamps unchanged', () => {
    for (const value of [253402300800, -62167219201, 1e20, Number.NaN, Infinity, '', '12a', '-5', null, true, 'x']) {
      expect(formatEpochOffset(value)).toBe(value);
    }
  });

  it('agrees with Date over the whole range of four-digit years', () => {
    const values: unknown[] = [1.5, -0.5, 86399.999, '0123', '00'];
    // A deterministic walk with a step that is prime to a day, so every time of day and many dates are visited.
    for (let seconds = -62167219200; seconds <= 253402300799; seconds += 9_876_543_211) values.push(seconds);
    for (let seconds = 946684000; seconds < 946684000 + 4 * 86400 * 366; seconds += 7_919) values.push(seconds);
    for (const value of values) {
      expect(formatEpochOffset(value)).toBe(reference(value, '+00:00'));
      expect(formatEpochZ(value)).toBe(reference(value, 'Z'));
    }
  });
});
