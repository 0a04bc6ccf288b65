// Command-line parsing (node:util parseArgs). Flags map one-to-one onto settings (settings.ts).
import { parseArgs } from 'node:util';
import { ConfigInvalidError } from '../errors.js';
import { closest } from '../requirements/closest.js';
import { SETTING_SOURCES, type SettingKey } from '../config/settings.js';
import { CI_COMMANDS, CI_USAGE } from '../ci/commands.js';

export interface ParsedCommand {
  command: 'run' | 'help';
  /** Keyed by setting; nested ones dotted ('fixtures.schoolId'). */
  flags: Partial<Record<SettingKey, unknown>>;
  configFile?: string;
}

type OptionSpec = { type: 'string' | 'boolean'; short?: string };

function optionSpecs(): Record<string, OptionSpec> {
  const options: Record<string, OptionSpec> = { config: { type: 'string' }, help: { type: 'boolean', short: 'h' }, 'no-html': { type: 'boolean' } };
  for (const s of SETTING_SOURCES) options[s.flag] = { type: s.type === 'boolean' ? 'boolean' : 'string' };
  return options;
}

export function parseCommandLine(argv: string[]): ParsedCommand {
  const options = optionSpecs();
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    const unknown = /Unknown option '(--?[^']+)'/.exec((error as Error).message)?.[1];
    if (unknown) {
      const hint = closest(unknown.replace(/^-+/, ''), Object.keys(options));
      throw new ConfigInvalidError([`${unknown}: unknown option${hint ? ` (did you mean '--${hint}'?)` : ''}; see --help`]);
    }
    throw new ConfigInvalidError([(error as Error).message]);
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  const [command = 'run', ...rest] = parsed.positionals;
  if (values.help || command === 'help') return { command: 'help', flags: {} };
  if (command !== 'run' || rest.length) {
    throw new ConfigInvalidError([`'${[command, ...rest].join(' ')}': unknown command; the commands are run, ${CI_COMMANDS.join(', ')} (see --help)`]);
  }
  const flags: ParsedCommand['flags'] = {};
  for (const s of SETTING_SOURCES) {
    const v = values[s.flag];
    if (v === undefined) continue;
    // Integers stay strings when malformed so the schema names the flag and shows the value.
    if (s.parse && typeof v === 'string') flags[s.key] = s.parse(v);
    else flags[s.key] = s.type === 'integer' && typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : v;
  }
  if (values['no-html']) flags.html = false;
  return { command: 'run', flags, configFile: typeof values.config === 'string' ? values.config : undefined };
}

export function helpText(): string {
  const rows = SETTING_SOURCES.map((s) => `  --${s.flag}${s.type === 'boolean' ? '' : ' VALUE'}`.padEnd(44) + `${s.help} [${s.env}]`);
  return [
    'Usage: edfi-conformance run [options]',
    '',
    'Checks an Ed-Fi ODS/API v7.3 host against the ed-fi/sessions contract. Without --base-url it',
    'starts the embedded reference host and checks that.',
    '',
    'Options (each also from the environment variable in brackets, or from the --config file):',
    ...rows,
    '  --config FILE'.padEnd(44) + 'JSON file with any of the settings, credentials and roles included [EDFI_CONFIG]',
    '  --no-html'.padEnd(44) + 'skip the Allure HTML report',
    '',
    'Fixtures (--school-id … --other-school-id) are existing records the run uses instead of the ones it',
    'would discover. Give them when discovery cannot find them or picks the wrong ones, e.g.',
    "  --school-id 255901001 --school-year 2025 --grading-periods 'uri://ed-fi.org/GradingPeriodDescriptor#First Six Weeks|2024-2025 Six Weeks 1'",
    'Every run writes probe.md and probe.json (what the probe asked the target and concluded) into the report directory.',
    '',
    'Exit codes: 0 all applicable checks passed; 1 a conformance failure; 2 the run could not be made;',
    '  3 the run left items it created on the host (listed in the summary and conformance.json);',
    '  130 interrupted. When several apply: 130, then 2, then 3, then 1.',
    '',
    'Other commands (CI gate, release verification, certification):',
    ...CI_USAGE.map((u) => `  ${u}`),
    'compare exits 1 on a regression; verify-bundle exits 1 when a file changed, was added or removed.',
  ].join('\n');
}
