// Runs in the Allure child process (html.ts starts it): what `allure generate` and `allure
// quality-gate` do, in one process that reads the results once. The two commands each started a
// Node process that loaded Allure and read every results file (~7,000 in an embedded run), side
// by side on the same cores. The report is generated exactly as `allure generate` does it (same
// config, same AllureReport calls); the gate is then evaluated on the same test results with the
// config's rules, as `allure quality-gate` does (its rules look at the results only, not at the
// history). Allure's own library is the one the `allure` package ships (resolved from it).
//
// Usage: node --import node20-iterator-helpers.mjs allure-build.mjs RESULTS_DIR CONFIG OUTPUT_DIR
// Prints the gate's verdict as one line `GATE {"passed":…,"text":"…"}` (text: Allure's own wording
// of the violated rules), or `GATE null` when it could not be evaluated; exits 1 when the report
// could not be generated.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const [resultsDir, configPath, outputDir] = process.argv.slice(2);
const fromAllure = createRequire(import.meta.resolve('allure'));
const core = await import(pathToFileURL(fromAllure.resolve('@allurereport/core')).href);

let generated = true;
let gate = null;
try {
  // The overrides `allure generate --output` passes (the others unset, as the CLI leaves them).
  const config = await core.readConfig(process.cwd(), configPath, { output: outputDir, resolutions: { knownIssuesPath: undefined } });
  const report = new core.AllureReport(config);
  await report.restoreState([]);
  await report.start();
  await report.readDirectory(resultsDir);
  try {
    await report.done();
  } catch (error) {
    generated = false;
    console.error(`Failed to generate report due to unexpected error: ${error?.message ?? error}`);
  }
  if (report.hasQualityGate) {
    const trs = await report.store.allTestResults({ includeRetries: false });
    const { results } = await report.validate({ trs, environment: undefined });
    gate = { passed: core.filterFailedQualityGateResults(results).length === 0, text: core.stringifyQualityGateResults(results) };
  }
} catch (error) {
  generated = false;
  console.error(error?.message ?? String(error));
}
console.log(`GATE ${JSON.stringify(gate)}`);
process.exitCode = generated ? 0 : 1;
