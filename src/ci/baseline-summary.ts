// The baseline's part of the closing CLI summary: how many failures it covered, which failures are
// new (and why: not listed, cause changed, entry expired), and which entries need attention
// (fixed — remove them; expired; not observed). src/cli/summary.ts calls it with one line.
import type { QualityGateOutcome } from '../report/html.js';
import type { BaselineFinding, BaselineOutcome } from './baseline.js';

const WHY: Record<BaselineFinding['why'], string> = {
  covered: 'covered',
  'not-in-baseline': 'not in the baseline',
  'cause-changed': 'cause changed since it was baselined',
  'entry-expired': 'its baseline entry expired',
};

function findingLine(f: BaselineFinding): string {
  return `[${f.checkId}] ${f.verdict}: ${WHY[f.why]}${f.entry ? ` (entry ${f.entry})` : ''}${f.cause ? ` — ${f.cause}` : ''}`;
}

export function renderBaselineSummary(outcome: { baseline?: BaselineOutcome; reports?: { qualityGate?: QualityGateOutcome } }): string[] {
  const b = outcome.baseline;
  if (!b) return [];
  const byStatus = (s: string) => b.entries.filter((e) => e.status === s);
  const fixed = byStatus('fixed');
  const expired = byStatus('expired');
  const notObserved = byStatus('not-observed');
  const lines = [
    '',
    `Baseline ${b.file}: ${b.covered.length} known failure(s) covered, ${b.newFailures.length} new failure(s), ${b.newWarnings.length} new warning(s)` +
      (b.newFailures.length ? ' — the new failures fail the run' : b.covered.length ? ' — every failure is a known one' : ''),
  ];
  for (const f of b.newFailures) lines.push(`  ✗ new ${findingLine(f)}`);
  for (const f of b.newWarnings) lines.push(`  ! new ${findingLine(f)}`);
  const entryName = (e: BaselineOutcome['entries'][number]): string => `entry ${e.entry} (${e.check ?? e.requirement})`;
  for (const e of fixed) lines.push(`  ✓ fixed — remove it from the baseline: ${entryName(e)}`);
  for (const e of expired) lines.push(`  ⌛ expired on ${e.expires}, covers nothing: ${entryName(e)} — renew or remove it`);
  for (const e of notObserved) lines.push(`  ? not observed (skipped, blocked or not run): ${entryName(e)}`);
  if (b.covered.length && outcome.reports?.qualityGate?.violations.some((v) => /maxFailures\s*$/.test(v))) {
    lines.push("  (the quality gate's no-MUST-failures rule counts known failures too; with a baseline, the baseline decides the exit code)");
  }
  return lines;
}
