/**
 * The one framing of every Wazuh local stream socket: a 4-byte little-endian payload length, then the payload.
 * Requests and replies use it alike, so clients and the embedded daemons share this module.
 */

export const FRAME_HEADER_BYTES = 4;

/** wazuh-db never answers more than this many payload bytes; longer output is cut (protocol.md §2.1). */
export const WDB_MAX_REPLY_BYTES = 65536;

export function encodeFrame(payload: string | Buffer): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
  const frame = Buffer.allocUnsafe(FRAME_HEADER_BYTES + body.length);
  frame.writeUInt32LE(body.length, 0);
  body.copy(frame, FRAME_HEADER_BYTES);
  return frame;
}

export class FrameTooLargeError extends Error {
  constructor(
    readonly declaredBytes: number,
    readonly maxBytes: number,
  ) {
    super(`frame of ${declaredBytes} bytes exceeds the limit of ${maxBytes} bytes`);
    this.name = 'FrameTooLargeError';
  }
}

/**
 * Turns a byte stream into whole frames. Chunks are kept as a list and only joined when a frame is complete, so a
 * large frame arriving in many small chunks costs one copy, not one per chunk.
 */
export class FrameDecoder {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private expected = -1;

  constructor(private readonly maxFrameBytes = 64 * 1024 * 1024) {}

  /** Bytes received but not yet returned as part of a frame (header bytes included). */
  get pendingBytes(): number {
    return this.buffered + (this.expected >= 0 ? FRAME_HEADER_BYTES : 0);
  }

  /** Feeds a chunk; returns the frames it completed. Throws FrameTooLargeError on an oversized header. */
  push(chunk: Buffer): Buffer[] {
    if (chunk.length > 0) {
      this.chunks.push(chunk);
      this.buffered += chunk.length;
    }
    const frames: Buffer[] = [];
    for (;;) {
      if (this.expected < 0) {
        if (this.buffered < FRAME_HEADER_BYTES) break;
        const declared = this.take(FRAME_HEADER_BYTES).readUInt32LE(0);
        if (declared > this.maxFrameBytes) throw new FrameTooLargeError(declared, this.maxFrameBytes);
        this.expected = declared;
      }
      if (this.buffered < this.expected) break;
      frames.push(this.take(this.expected));
      this.expected = -1;
    }
    return frames;
  }

  reset(): void {
    this.chunks = [];
    this.buffered = 0;
    this.expected = -1;
  }

  private take(count: number): Buffer {
    if (count === 0) return Buffer.alloc(0);
    const first = this.chunks[0];
    if (first.length >= count) {
      const out = first.subarray(0, count);
      if (first.length === count) this.chunks.shift();
      else this.chunks[0] = first.subarray(count);
      this.buffered -= count;
      return out;
    }
    const out = Buffer.allocUnsafe(count);
    let filled = 0;
    while (filled < count) {
      const head = this.chunks[0];
      const used = Math.min(head.length, count - filled);
      head.copy(out, filled, 0, used);
      filled += used;
      if (used === head.length) this.chunks.shift();
      else this.chunks[0] = head.subarray(used);
    }
    this.buffered -= count;
    return out;
  }
}
