// The CI commands of edfi-conformance besides `run`: `baseline` (write a baseline from a run),
// `compare` (two runs, Markdown or JSON), `bundle` (a certification bundle from a report
// directory) and `verify-bundle`. Each parses its own options, writes its result to stdout and
// returns the exit code; bad input throws a HarnessError, which the CLI turns into one sentence
// and exit 2.
import { parseArgs } from 'node:util';
import { ConfigInvalidError } from '../errors.js';
import { redactText } from '../report/redact.js';
import { baselineFromChecks, todayUtc } from './baseline.js';
import { renderVerification, verifyBundle, writeBundle } from './bundle.js';
import { compareRuns, comparisonExitCode } from './compare.js';
import { renderComparisonMarkdown } from './compare-markdown.js';
import { conformancePath, readConformance } from './conformance-file.js';

export const CI_COMMANDS = ['baseline', 'compare', 'bundle', 'verify-bundle'] as const;
export type CiCommand = (typeof CI_COMMANDS)[number];

export function isCiCommand(word: string | undefined): word is CiCommand {
  return (CI_COMMANDS as readonly string[]).includes(word ?? '');
}

export const CI_USAGE = [
  'edfi-conformance baseline --from reports/conformance.json --reason TEXT --expires YYYY-MM-DD > baseline.json',
  'edfi-conformance compare A B [--json]          (A, B: conformance.json files or report directories)',
  'edfi-conformance bundle --from reports --out DIR [--baseline FILE]',
  'edfi-conformance verify-bundle DIR',
];

type Options = Record<string, { type: 'string' | 'boolean' }>;

function parse(command: CiCommand, argv: string[], options: Options, positionals: number): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new ConfigInvalidError([`${command}: ${(error as Error).message.split('\n')[0]}; usage: ${usageOf(command)}`]);
  }
  if (parsed.positionals.length !== positionals) {
    throw new ConfigInvalidError([`${command}: expected ${positionals || 'no'} argument${positionals === 1 ? '' : 's'}, got ${parsed.positionals.length}; usage: ${usageOf(command)}`]);
  }
  return { values: parsed.values as Record<string, string | boolean | undefined>, positionals: parsed.positionals };
}

function usageOf(command: CiCommand): string {
  return CI_USAGE.find((u) => u.startsWith(`edfi-conformance ${command} `))!.split(/\s{2,}/)[0]!;
}

function required(command: CiCommand, values: Record<string, unknown>, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || !v.trim()) throw new ConfigInvalidError([`${command}: --${name} is required; usage: ${usageOf(command)}`]);
  return v;
}

export interface CommandIo {
  stdout: (text: string) => void;
  now?: Date;
}

export function runCiCommand(command: CiCommand, argv: string[], io: CommandIo): number {
  switch (command) {
    case 'baseline': {
      const { values } = parse(command, argv, { from: { type: 'string' }, reason: { type: 'string' }, expires: { type: 'string' } }, 0);
      const from = required(command, values, 'from');
      const reason = required(command, values, 'reason');
      const expires = required(command, values, 'expires');
      const valid = /^\d{4}-\d{2}-\d{2}$/.test(expires) && new Date(`${expires}T00:00:00Z`).toISOString().startsWith(expires);
      if (!valid) throw new ConfigInvalidError([`baseline: --expires must be a date YYYY-MM-DD (got '${expires}')`]);
      if (expires < todayUtc(io.now)) throw new ConfigInvalidError([`baseline: --expires ${expires} is in the past; an expired entry covers nothing`]);
      const doc = readConformance(from);
      const baseline = baselineFromChecks(doc.checks, { reason, expires, createdFrom: conformancePath(from), now: io.now });
      io.stdout(redactText(`${JSON.stringify(baseline, null, 2)}\n`));
      return 0;
    }
    case 'compare': {
      const { values, positionals } = parse(command, argv, { json: { type: 'boolean' } }, 2);
      const [a, b] = positionals as [string, string];
      const comparison = compareRuns({ source: a, doc: readConformance(a) }, { source: b, doc: readConformance(b) });
      io.stdout(redactText(values.json ? `${JSON.stringify(comparison, null, 2)}\n` : renderComparisonMarkdown(comparison)));
      return comparisonExitCode(comparison);
    }
    case 'bundle': {
      const { values } = parse(command, argv, { from: { type: 'string' }, out: { type: 'string' }, baseline: { type: 'string' } }, 0);
      const from = typeof values.from === 'string' ? values.from : 'reports';
      const out = required(command, values, 'out');
      const { dir, manifest } = writeBundle({ reportDir: from, out, baselineFile: typeof values.baseline === 'string' ? values.baseline : undefined, now: io.now });
      io.stdout(`Bundle written to ${dir}: ${manifest.files.length} files, verdict ${manifest.verdict}${manifest.absent.length ? ` (absent: ${manifest.absent.join(', ')})` : ''}.\n`);
      return 0;
    }
    case 'verify-bundle': {
      const { positionals } = parse(command, argv, {}, 1);
      const result = verifyBundle(positionals[0]!);
      io.stdout(`${renderVerification(result)}\n`);
      return result.intact ? 0 : 1;
    }
  }
}
