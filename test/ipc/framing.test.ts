import { FrameDecoder, FrameTooLargeError, encodeFrame } from '../../src/ipc/framing';

function splitEvery(buffer: Buffer, size: number): Buffer[] {
  const parts: Buffer[] = [];
  for (let i = 0; i < buffer.length; i += size) parts.push(buffer.subarray(i, i + size));
  return parts;
}

describe('LE32 framing', () => {
  it('writes a little-endian length before the payload', () => {
    const frame = encodeFrame('global sql select 1');
    expect(frame.readUInt32LE(0)).toBe(19);
    expect(frame.subarray(4).toString()).toBe('global sql select 1');
    expect(encodeFrame(Buffer.from([1, 2, 3]))).toEqual(Buffer.from([3, 0, 0, 0, 1, 2, 3]));
  });

  it('reassembles frames split at every possible byte boundary', () => {
    const stream = Buffer.concat([encodeFrame('first'), encodeFrame(''), encodeFrame('ünïcode ✓')]);
    for (let cut = 1; cut < stream.length; cut++) {
      const decoder = new FrameDecoder();
      const frames = [...decoder.push(stream.subarray(0, cut)), ...decoder.push(stream.subarray(cut))];
      expect(frames.map((f) => f.toString())).toEqual(['first', '', 'ünïcode ✓']);
      expect(decoder.pendingBytes).toBe(0);
    }
  });

  it('decodes a byte-by-byte stream and several frames in one chunk', () => {
    const stream = Buffer.concat([encodeFrame('a'), encodeFrame('bb'), encodeFrame('ccc')]);
    const decoder = new FrameDecoder();
    const oneByOne = splitEvery(stream, 1).flatMap((b) => decoder.push(b));
    expect(oneByOne.map(String)).toEqual(['a', 'bb', 'ccc']);
    expect(new FrameDecoder().push(stream).map(String)).toEqual(['a', 'bb', 'ccc']);
  });

  it('handles a 5 MiB frame arriving in 1 KiB chunks', () => {
    const payload = Buffer.alloc(5 * 1024 * 1024);
    for (let i = 0; i < payload.length; i++) payload[i] = i % 251;
    const decoder = new FrameDecoder();
    const frames = splitEvery(encodeFrame(payload), 1024).flatMap((part) => decoder.push(part));
    expect(frames).toHaveLength(1);
    expect(frames[0].equals(payload)).toBe(true);
  });

  it('keeps an incomplete frame pending', () => {
    const decoder = new FrameDecoder();
    expect(decoder.push(encodeFrame('hello').subarray(0, 6))).toEqual([]);
    expect(decoder.pendingBytes).toBe(6);
  });

  it('refuses a header announcing more than the limit', () => {
    const decoder = new FrameDecoder(100);
    expect(() => decoder.push(encodeFrame(Buffer.alloc(101)))).toThrow(FrameTooLargeError);
  });
});
