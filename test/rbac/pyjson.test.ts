import { pythonJsonDumps } from '../../src/core/pyjson';

// Expected texts were produced by CPython 3 `json.dumps` (default and compact separators).
describe('pythonJsonDumps', () => {
  it('writes policies and rules as Wazuh stores them', () => {
    expect(pythonJsonDumps({ actions: ['agent:read'], resources: ['agent:id:*'], effect: 'allow' })).toBe(
      '{"actions": ["agent:read"], "resources": ["agent:id:*"], "effect": "allow"}',
    );
    expect(pythonJsonDumps({ FIND: { username: 'elastic' } })).toBe('{"FIND": {"username": "elastic"}}');
  });

  it('formats floats like repr() and escapes like ensure_ascii', () => {
    const value = {
      a: 1.5,
      b: 1e-7,
      d: 123456789.125,
      e: -0.5,
      f: 'é\u2028\n"\\/\u007f',
      g: [true, false, null],
      i: 0.1,
      j: 2.5e-5,
    };
    expect(pythonJsonDumps(value)).toBe(
      '{"a": 1.5, "b": 1e-07, "d": 123456789.125, "e": -0.5, "f": "\\u00e9\\u2028\\n\\"\\\\/\\u007f", ' +
        '"g": [true, false, null], "i": 0.1, "j": 2.5e-05}',
    );
    expect(pythonJsonDumps(value, true)).toBe(
      '{"a":1.5,"b":1e-07,"d":123456789.125,"e":-0.5,"f":"\\u00e9\\u2028\\n\\"\\\\/\\u007f",' +
        '"g":[true,false,null],"i":0.1,"j":2.5e-05}',
    );
    expect(pythonJsonDumps('😀')).toBe('"\\ud83d\\ude00"');
    expect(pythonJsonDumps(1e300 + 0.5)).toBe('1e+300');
    expect(pythonJsonDumps(1.5e-300)).toBe('1.5e-300');
    expect(pythonJsonDumps(2 ** 80)).toBe('1.2089258196146292e+24');
    expect(pythonJsonDumps(-42)).toBe('-42');
  });
});
