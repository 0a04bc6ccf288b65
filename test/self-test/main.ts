// `npx tsx test/self-test/main.ts [FaultId …] [--no-faithful]`: the kill matrix alone, for iterating
// on a few faults. `npx tsx test/self-test/main.ts --personas [persona-id …]`: the persona matrix
// alone. npm test runs both through test/run-all.ts.
import { resolve } from 'node:path';
import { runKillMatrix } from './kill-matrix.js';
import { runPersonaMatrix } from './persona-matrix.js';
import { renderPersonaText, writePersonaReports } from './persona-report.js';
import { renderText, writeSelfTestReports } from './report.js';

const args = process.argv.slice(2);
const ids = args.filter((a) => !a.startsWith('--'));
// A partial run writes beside the full report, so it never replaces the full matrix (whose run
// times also order the next full run).
const partial = ids.length > 0 || args.includes('--no-faithful');
const dir = resolve(partial ? 'reports/self-test/partial' : 'reports/self-test');

if (args.includes('--personas')) {
  const summary = await runPersonaMatrix({ personaIds: ids.length ? ids : undefined });
  console.log(renderPersonaText(summary));
  const files = writePersonaReports(summary, dir);
  console.log(`  written: ${files.markdown}, ${files.json}`);
  process.exitCode = summary.failed === 0 ? 0 : 1;
} else {
  const summary = await runKillMatrix({ faultIds: ids.length ? ids : undefined, skipFaithful: args.includes('--no-faithful') });
  console.log(renderText(summary));
  const files = writeSelfTestReports(summary, dir);
  console.log(`  written: ${files.markdown}, ${files.json}`);
  process.exitCode = summary.passed ? 0 : 1;
}
