// `npx tsx test/self-test/main.ts [FaultId …] [--no-faithful]`: the self-test alone, for iterating
// on a few faults. npm test runs the same thing through test/run-all.ts.
import { resolve } from 'node:path';
import { runKillMatrix } from './kill-matrix.js';
import { renderText, writeSelfTestReports } from './report.js';

const args = process.argv.slice(2);
const faultIds = args.filter((a) => !a.startsWith('--'));
const summary = await runKillMatrix({ faultIds: faultIds.length ? faultIds : undefined, skipFaithful: args.includes('--no-faithful') });
console.log(renderText(summary));
// A partial run writes beside the full report, so it never replaces the full matrix (whose run
// times also order the next full run).
const partial = faultIds.length > 0 || args.includes('--no-faithful');
const files = writeSelfTestReports(summary, resolve(partial ? 'reports/self-test/partial' : 'reports/self-test'));
console.log(`  written: ${files.markdown}, ${files.json}`);
process.exitCode = summary.passed ? 0 : 1;
