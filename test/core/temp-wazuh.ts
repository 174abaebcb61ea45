/** A throw-away WAZUH_PATH for one test file: real folders, real files, removed afterwards. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { WazuhPaths, wazuhPaths } from '../../src/core/paths';

export interface TempWazuh {
  paths: WazuhPaths;
  write(relative: string, content: string): string;
  remove(): void;
}

export function tempWazuh(): TempWazuh {
  const root = mkdtempSync(join(tmpdir(), 'wcore-'));
  const paths = wazuhPaths(root);
  return {
    paths,
    write(relative, content) {
      const file = join(root, relative);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, content);
      return file;
    },
    remove() {
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Runs `fn` and returns the error it throws (failing the test when it does not throw). */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

export async function rejected(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}
