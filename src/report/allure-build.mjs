// Runs in the Allure child process (html.ts starts it): what `allure generate` and `allure
// quality-gate` do, in one process that reads the results once. The two commands each started a
// Node process that loaded Allure and read every results file (~7,000 in an embedded run), side
// by side on the same cores. The report is generated as `allure generate` does it (same config,
// same AllureReport calls: readConfig, restoreState, start, every results file read, done); the
// gate is then evaluated on the same test results with the config's rules, as `allure
// quality-gate` does (its rules look at the results only, not at the history). Allure's own
// library is the one the `allure` package ships (resolved from it).
//
// The runner starts this process when the run starts, so loading Allure's modules (about a second
// of CPU) overlaps the hosts' start, and it reads each results file as the runner writes it, so
// that work overlaps the checks; what is left after the checks is generating the report. The work
// comes on stdin as JSON lines:
//   {"begin": {"resultsDir","configPath","outputDir","env"}}  config read, report started (env: the
//        variables allurerc.mjs reads, set before the config is loaded)
//   {"file": "NAME"}   a file the runner has finished writing into resultsDir: read it now
//   {"end": {...same as begin}}  begin if not begun, read every file of resultsDir not read yet
//        (those written by others: executor.json, environment.properties), generate, judge the gate
// Stdin closed before "end": it exits, so a run that ends early (or a runner that dies) leaves no
// process behind. Prints the gate's verdict as one line `GATE {"passed":…,"text":"…"}` (text:
// Allure's own wording of the violated rules), or `GATE null` when it could not be evaluated;
// exits 1 when the report could not be generated.
import { readdir, realpath } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

// Messages are handled one after the other, in the order they came.
let queue = Promise.resolve();
let ended = false;
{
  let text = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk) => {
    text += chunk;
    const lines = text.split('\n');
    text = lines.pop();
    for (const line of lines) if (line.trim()) {
      const message = JSON.parse(line);
      queue = queue.then(() => handle(message));
    }
  });
  process.stdin.once('end', () => {
    queue = queue.then(() => {
      if (!ended) process.exit(0);
    });
  });
}

const fromAllure = createRequire(import.meta.resolve('allure'));
const coreUrl = pathToFileURL(fromAllure.resolve('@allurereport/core')).href;
const coreLoaded = import(coreUrl);
// The report plugin the config names: readConfig imports it by name, from the module cache then.
const pluginLoaded = (async () => {
  try {
    await import(pathToFileURL(createRequire(coreUrl).resolve('@allurereport/plugin-awesome')).href);
  } catch {
    // Not where core finds it: readConfig loads it (or says why it cannot) as before.
  }
})();

let core;
let report;
let config;
let resultsDir;
/** Files read (or being read) already, by name. */
const read = new Set();
let generated = true;
let gate = null;

async function handle(message) {
  if (ended) return;
  if (message.begin) await begin(message.begin);
  else if (message.file) await readOne(message.file);
  else if (message.end) await end(message.end);
}

async function begin(job) {
  if (report || !generated) return;
  try {
    core = await coreLoaded;
    await pluginLoaded;
    Object.assign(process.env, job.env ?? {});
    resultsDir = await realpath(resolve(job.resultsDir)).catch(() => resolve(job.resultsDir));
    // The overrides `allure generate --output` passes (the others unset, as the CLI leaves them).
    config = await core.readConfig(process.cwd(), job.configPath, { output: job.outputDir, resolutions: { knownIssuesPath: undefined } });
    const r = new core.AllureReport(config);
    await r.restoreState([]);
    await r.start();
    report = r;
  } catch (error) {
    generated = false;
    console.error(error?.message ?? String(error));
  }
}

/** Reads: at most a few at once, and the end waits for them all. */
const reading = new Set();
function readOne(name) {
  if (!report || read.has(name) || name.endsWith('.tmp')) return;
  read.add(name);
  const p = report
    .readFile(join(resultsDir, name))
    .catch((e) => console.error(`can't read result file ${name}`, e))
    .finally(() => reading.delete(p));
  reading.add(p);
  // Backpressure: the queue waits while several reads are in flight.
  if (reading.size >= 8) return Promise.race(reading);
}

async function end(job) {
  await begin(job);
  ended = true;
  if (report) {
    try {
      // What nobody announced (written by others, or before the announcing began), in the order
      // `allure generate` reads a directory.
      const entries = (await readdir(resultsDir, { withFileTypes: true }))
        .filter((d) => d.isFile() && !d.name.endsWith('.tmp') && !read.has(d.name))
        .sort((a, b) => a.name.localeCompare(b.name));
      for (const d of entries) await readOne(d.name);
      await Promise.all(reading);
      // The expected check count is known only now (allurerc.mjs reads it when its rule is checked).
      Object.assign(process.env, job.env ?? {});
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
  }
  console.log(`GATE ${JSON.stringify(gate)}`);
  process.exitCode = generated ? 0 : 1;
  process.stdin.pause();
  process.stdin.destroy();
}
