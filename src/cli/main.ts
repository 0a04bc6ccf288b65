// The edfi-conformance command. Parses arguments, runs, prints the summary and exits 0/1/2/3/130
// (the statuses and their precedence: ExitCode in run.ts).
// Expected problems (bad settings, unreachable host, refused credentials, missing prerequisites)
// print one plain sentence and exit 2, never a stack trace.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { HarnessError } from '../errors.js';
import { redactText } from '../report/redact.js';
import { helpText, parseCommandLine } from './args.js';
import { runConformance, type RunOutcome } from './run.js';
import { renderSummary } from './summary.js';
import { isCiCommand, runCiCommand } from '../ci/commands.js';
import { readConformance } from '../ci/conformance-file.js';
import { appendStepSummary } from '../ci/step-summary.js';

export async function main(argv: string[]): Promise<number> {
  let interruptedBy: NodeJS.Signals | undefined;
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals): void => {
    if (interruptedBy) return; // a second Ctrl-C while sweeping is ignored: the sweep must finish
    interruptedBy = signal;
    process.stderr.write(`\n${signal}: stopping the checks and deleting what the run created…\n`);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    if (isCiCommand(argv[0])) return runCiCommand(argv[0], argv.slice(1), { stdout: (t) => process.stdout.write(t) });
    const parsed = parseCommandLine(argv);
    if (parsed.command === 'help') {
      process.stdout.write(`${helpText()}\n`);
      return 0;
    }
    const outcome = await runConformance({
      flags: parsed.flags,
      configFile: parsed.configFile,
      signal: controller.signal,
      onStart: ({ seed, target, embedded }) =>
        process.stderr.write(`edfi-conformance: ${embedded ? 'embedded reference host' : 'target'} ${redactText(target)}, seed ${seed}\n`),
    });
    process.stdout.write(`${renderSummary(outcome)}\n`);
    if (outcome.bundle) process.stdout.write(`Bundle: ${outcome.bundle} (check it later with: edfi-conformance verify-bundle ${outcome.bundle})\n`);
    writeStepSummary(outcome, !!interruptedBy);
    if (interruptedBy) return interruptedBy === 'SIGINT' ? 130 : 2;
    return outcome.exitCode;
  } catch (error) {
    if (error instanceof HarnessError) {
      process.stderr.write(`edfi-conformance: ${redactText(error.message)}\n`);
      return 2;
    }
    process.stderr.write(`edfi-conformance: unexpected error (a bug in the suite): ${redactText((error as Error)?.stack ?? String(error))}\n`);
    return 2;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** The GitHub Actions job summary, when GITHUB_STEP_SUMMARY is set; a failure to write it only warns. */
function writeStepSummary(outcome: RunOutcome, interrupted: boolean): void {
  const r = outcome.reports;
  if (!r || !process.env.GITHUB_STEP_SUMMARY) return;
  try {
    const artefacts = [r.allureReport ? `${r.allureReport}/index.html` : undefined, r.matrixMarkdown, r.matrixJson, r.junit, outcome.bundle].filter((p): p is string => !!p);
    appendStepSummary({ doc: readConformance(r.matrixJson), artefacts, interrupted });
  } catch (error) {
    process.stderr.write(`edfi-conformance: could not write the GitHub step summary (${redactText((error as Error).message)})\n`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    () => process.exit(2),
  );
}
