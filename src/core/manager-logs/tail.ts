/** The last lines of a text file, read backwards in blocks so a large log is never loaded whole. */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

const BLOCK = 64 * 1024;
// The line breaks Python's `str.splitlines` recognises; the manager's logs are read with the same rule.
const LINE_BREAK = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/;

export function tailLines(file: string, count: number): string[] {
  if (count <= 0) return [];
  const fd = openSync(file, 'r');
  try {
    const chunks: Buffer[] = [];
    let position = fstatSync(fd).size;
    let newlines = 0;
    // Reading past `count` line breaks guarantees the earliest line kept is complete, not cut by a block edge.
    while (position > 0 && newlines <= count) {
      const length = Math.min(BLOCK, position);
      position -= length;
      const chunk = Buffer.alloc(length);
      readSync(fd, chunk, 0, length, position);
      chunks.unshift(chunk);
      for (const byte of chunk) if (byte === 0x0a) newlines += 1;
    }
    const lines = Buffer.concat(chunks).toString('utf8').split(LINE_BREAK);
    if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    return lines.slice(-count);
  } finally {
    closeSync(fd);
  }
}
