import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from '../../scripts/generate';

const root = join(__dirname, '..', '..');

describe('generated/ is up to date with spec.yaml', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'spec-gen-'));
    generate(join(root, 'spec.yaml'), dir);
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(['routes.ts', 'api.d.ts'])('%s regenerates byte for byte', (file) => {
    const fresh = readFileSync(join(dir, file), 'utf8');
    const committed = readFileSync(join(root, 'generated', file), 'utf8');
    if (fresh !== committed) {
      throw new Error(`generated/${file} is stale: run \`npm run generate\` and commit the result`);
    }
  });
});
