/** The part of `unix-dgram` (a native add-on without bundled types) this project uses. */
declare module 'unix-dgram' {
  import { EventEmitter } from 'node:events';

  export interface UnixDgramSocket extends EventEmitter {
    bind(path: string): void;
    connect(path: string): void;
    /** Unconnected send; errors and congestion (`code === 1`) go to the callback when one is given. */
    send(buf: Buffer, offset: number, length: number, path: string, callback?: (error?: Error & { code?: number }) => void): void;
    close(): void;
  }

  export function createSocket(type: 'unix_dgram', listener?: (message: Buffer) => void): UnixDgramSocket;
}
