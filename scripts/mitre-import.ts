/**
 * Builds `$WAZUH_PATH/var/db/mitre.db` from an ATT&CK Enterprise STIX bundle.
 *
 *   npm run mitre:import -- <enterprise-attack.json> [--wazuh-path <dir>]
 *
 * Without `--wazuh-path`, WAZUH_PATH (or the project's `var/`) is used. The previous database is replaced only
 * when the new one is complete.
 */
import { resolve } from 'node:path';
import { importMitreBundle, MitreBundleError } from '../src/core/mitre';
import { wazuhPathFromEnv, wazuhPaths } from '../src/core/paths';

const USAGE = 'usage: npm run mitre:import -- <bundle.json> [--wazuh-path <dir>]';

export function parseArguments(argv: string[]): { bundle: string; wazuhPath: string } {
  let bundle: string | undefined;
  let wazuhPath: string | undefined;
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index];
    if (argument === '--wazuh-path') {
      wazuhPath = argv[index + 1];
      if (!wazuhPath) throw new Error(`--wazuh-path needs a folder\n${USAGE}`);
      index += 1;
    } else if (argument.startsWith('--wazuh-path=')) {
      wazuhPath = argument.slice('--wazuh-path='.length);
    } else if (argument === '-h' || argument === '--help') {
      throw new Error(USAGE);
    } else if (bundle === undefined) {
      bundle = argument;
    } else {
      throw new Error(`unexpected argument ${argument}\n${USAGE}`);
    }
  }
  if (!bundle) throw new Error(USAGE);
  return { bundle: resolve(bundle), wazuhPath: wazuhPath ? resolve(wazuhPath) : wazuhPathFromEnv() };
}

function main(): number {
  let options: { bundle: string; wazuhPath: string };
  try {
    options = parseArguments(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 2;
  }
  const target = wazuhPaths(options.wazuhPath).mitreDb;
  try {
    const summary = importMitreBundle(options.bundle, target);
    const counts = Object.entries(summary).map(([table, rows]) => `${table}=${rows}`).join(' ');
    process.stdout.write(`MITRE database written to ${target}\n${counts}\n`);
    return 0;
  } catch (error) {
    const reason = error instanceof MitreBundleError ? error.message : String((error as Error).message ?? error);
    process.stderr.write(`mitre import failed, ${target} left unchanged: ${reason}\n`);
    return 1;
  }
}

if (require.main === module) process.exitCode = main();
