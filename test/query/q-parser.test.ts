import { parseQuery } from '../../src/core/query';
import { failure } from './fixture';

describe('q parser', () => {
  it('reads one condition, keeping dots, dashes and spaces', () => {
    expect(parseQuery('os.name=Microsoft Windows 10 Pro')).toEqual({
      type: 'condition', field: 'os.name', operator: '=', value: 'Microsoft Windows 10 Pro',
    });
    expect(parseQuery('ip=10.0.0.1')).toMatchObject({ value: '10.0.0.1' });
    expect(parseQuery('name=web-01_a')).toMatchObject({ value: 'web-01_a' });
  });

  it('gives ; (AND) precedence over , (OR)', () => {
    expect(parseQuery('a=1;b=2,c=3')).toEqual({
      type: 'or',
      children: [
        { type: 'and', children: [
          { type: 'condition', field: 'a', operator: '=', value: '1' },
          { type: 'condition', field: 'b', operator: '=', value: '2' },
        ] },
        { type: 'condition', field: 'c', operator: '=', value: '3' },
      ],
    });
  });

  it('groups with parentheses, tolerating spaces around them', () => {
    expect(parseQuery('a=1;( b=2,c=3 )')).toEqual({
      type: 'and',
      children: [
        { type: 'condition', field: 'a', operator: '=', value: '1' },
        { type: 'or', children: [
          { type: 'condition', field: 'b', operator: '=', value: '2' },
          { type: 'condition', field: 'c', operator: '=', value: '3 ' },
        ] },
      ],
    });
    expect(parseQuery('((a=1))')).toEqual({ type: 'condition', field: 'a', operator: '=', value: '1' });
  });

  it('keeps balanced parentheses and bracketed commas inside a value', () => {
    expect(parseQuery('name=f(x)')).toMatchObject({ value: 'f(x)' });
    expect(parseQuery('(name=f(x))')).toMatchObject({ value: 'f(x)' });
    expect(parseQuery('perm=[a,b]')).toMatchObject({ value: '[a,b]' });
  });

  it('reads every operator, and two-character runs as (possibly bad) operators', () => {
    for (const op of ['=', '!=', '<', '>', '~', '==', '<>', '>=']) {
      expect(parseQuery(`id${op}5`)).toMatchObject({ operator: op, value: '5' });
    }
    expect(parseQuery('name=a=b')).toMatchObject({ operator: '=', value: 'a=b' });
  });

  it('treats a blank query as no query', () => {
    expect(parseQuery('')).toBeUndefined();
    expect(parseQuery('   ')).toBeUndefined();
  });

  it.each([
    'name',
    'name=',
    '=web',
    '(name=a',
    'name=a)',
    'name=a;',
    ',name=a',
    'name=a;;id=1',
    '()',
    'name=a!b',
    'name=a*',
    'name=a|b',
    'name=f(x',
    'name=[a',
    'name=a]',
    'name=x\u0000',
  ])('rejects %j with 1407 and the query as extra text', (q) => {
    const error = failure(() => parseQuery(q));
    expect(error.code).toBe(1407);
    expect(error.message).toBe(`Query does not match expected format: ${q.trim()}`);
  });
});
