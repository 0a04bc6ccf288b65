// Command-line options of `npm run host` (host/main.ts). Parsing only: no side effects, so the
// rules are testable. A bad argument is reported as one sentence.
import type { StartHostOptions } from './index.js';

export interface HostCliOptions extends StartHostOptions {
  printJson: boolean;
}

export class CliArgumentError extends Error {}

const USAGE =
  'Usage: npm run host -- [--port N] [--database-url postgres://…] [--no-change-queries] [--snapshot] [--token-lifetime SECONDS] [--fault ID]… [--faults ID,ID…] [--print-json] [--quiet]';

export function usage(): string {
  return USAGE;
}

function integerValue(flag: string, value: string | undefined, min: number, max: number): number {
  if (value === undefined || !/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new CliArgumentError(`${flag} needs a whole number between ${min} and ${max} (got ${value === undefined ? 'nothing' : `'${value}'`}).`);
  }
  return Number(value);
}

export function parseHostArgs(argv: string[]): HostCliOptions {
  const options: HostCliOptions = { port: 0, printJson: false };
  const faultIds: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--port':
        options.port = integerValue('--port', value(), 0, 65535);
        break;
      case '--database-url': {
        const url = value();
        if (!url || !/^postgres(ql)?:\/\//.test(url)) throw new CliArgumentError('--database-url needs a postgres:// or postgresql:// URL.');
        options.databaseUrl = url;
        break;
      }
      case '--no-change-queries':
        options.changeQueries = false;
        break;
      case '--snapshot':
        options.snapshot = true;
        break;
      case '--token-lifetime':
        options.tokenLifetimeSeconds = integerValue('--token-lifetime', value(), 1, 86400);
        break;
      case '--fault': {
        // Repeatable: each --fault adds one, in order (request hooks run in that order).
        const id = value();
        if (!id || id.startsWith('--')) throw new CliArgumentError('--fault needs a fault id.');
        faultIds.push(id);
        break;
      }
      case '--faults': {
        const ids = (value() ?? '').split(',').map((id) => id.trim()).filter(Boolean);
        if (ids.length === 0) throw new CliArgumentError('--faults needs a comma-separated list of fault ids.');
        faultIds.push(...ids);
        break;
      }
      case '--print-json':
        options.printJson = true;
        break;
      case '--quiet':
        options.quiet = true;
        break;
      default:
        throw new CliArgumentError(`Unknown argument '${arg}'. ${USAGE}`);
    }
  }
  // One fault stays `fault` (as before); several keep their order in `faults`.
  if (faultIds.length === 1) options.fault = faultIds[0];
  else if (faultIds.length > 1) options.faults = faultIds;
  return options;
}
