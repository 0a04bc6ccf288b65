// The Markdown form of a run comparison, sized for a pull-request comment: warnings first, the two
// runs' identities side by side, a one-line verdict, then one table per kind of change.
import type { CheckChange, CheckSide, Comparison, RunSide } from './compare.js';
import { describeHost } from './run-identity.js';
import { capped, cell, code, table } from './markdown.js';

const ROWS_PER_SECTION = 60;

function verdictOf(s: CheckSide | undefined): string {
  return s ? s.verdict : '—';
}

function countsLine(c: RunSide['counts']): string {
  const parts = (['pass', 'fail', 'warn', 'blocked', 'skip', 'error'] as const).filter((v) => c[v]).map((v) => `${c[v]} ${v}`);
  return `${c.checks} checks: ${parts.join(', ') || 'none'}`;
}

function identityRows(a: RunSide, b: RunSide): string[][] {
  const ia = a.identity;
  const ib = b.identity;
  const models = (i: typeof ia): string => (i.host?.dataModels ?? []).map((m) => `${m.name} ${m.version}`).join(', ') || '—';
  const suite = (i: typeof ia): string => (i.suite ? `${i.suite.version}${i.suite.commit ? ` (${i.suite.commit.slice(0, 12)})` : ''}` : '—');
  const rows: Array<[string, string, string]> = [
    ['source', code(a.source), code(b.source)],
    ['host', cell(ia.host ? describeHost({ host: ia.host, target: ia.target ?? '' }) : ia.target ?? '—'), cell(ib.host ? describeHost({ host: ib.host, target: ib.target ?? '' }) : ib.target ?? '—')],
    ['host version', cell(ia.host?.informationalVersion ?? ia.host?.version ?? '—'), cell(ib.host?.informationalVersion ?? ib.host?.version ?? '—')],
    ['data model', cell(models(ia)), cell(models(ib))],
    ['target', cell(ia.embedded ? 'embedded reference host' : ia.target ?? '—'), cell(ib.embedded ? 'embedded reference host' : ib.target ?? '—')],
    ['profile', cell(ia.profile ?? '—'), cell(ib.profile ?? '—')],
    ['suite version', cell(suite(ia)), cell(suite(ib))],
    ['seed', cell(ia.seed ?? '—'), cell(ib.seed ?? '—')],
    ['finished', cell(ia.finishedAt ?? '—'), cell(ib.finishedAt ?? '—')],
    ['results', cell(countsLine(a.counts)), cell(countsLine(b.counts))],
  ];
  return rows.map(([k, x, y]) => [k, x, y]);
}

function section(title: string, items: readonly CheckChange[], columns: 'both' | 'a' | 'b'): string[] {
  if (!items.length) return [];
  const { shown, more } = capped(items, ROWS_PER_SECTION);
  const head = columns === 'both' ? ['check', 'A', 'B', 'cause (or skip reason) in B, else in A'] : ['check', columns === 'a' ? 'verdict in A' : 'verdict in B', 'title'];
  const rows = shown.map((c) =>
    columns === 'both'
      ? [code(c.checkId), verdictOf(c.a), verdictOf(c.b), cell(c.b?.cause ?? c.b?.skipReason ?? c.a?.cause ?? c.a?.skipReason ?? '')]
      : [code(c.checkId), verdictOf(columns === 'a' ? c.a : c.b), cell(c.title)],
  );
  return ['', `### ${title} (${items.length})`, '', ...table(head, rows), ...more];
}

function changedEvidenceSection(items: readonly CheckChange[]): string[] {
  if (!items.length) return [];
  const { shown, more } = capped(items, ROWS_PER_SECTION);
  const rows = shown.map((c) => [code(c.checkId), `${verdictOf(c.a)} → ${verdictOf(c.b)}`, cell(c.a?.cause ?? '', 100), cell(c.b?.cause ?? '', 100)]);
  return ['', `### Changed evidence: still failing, differently (${items.length})`, '', ...table(['check', 'verdict', 'cause in A', 'cause in B'], rows), ...more];
}

export function renderComparisonMarkdown(c: Comparison): string {
  const lines: string[] = [];
  for (const w of c.warnings) lines.push(`> ⚠️ ${w}`);
  if (c.warnings.length) lines.push('');
  lines.push('## Conformance run comparison (A → B)', '', ...table(['', 'A (before)', 'B (after)'], identityRows(c.a, c.b)), '');
  const n = (x: readonly unknown[], word: string, plural = `${word}s`): string => `${x.length} ${x.length === 1 ? word : plural}`;
  const verdict = c.regressions.length ? `❌ **${n(c.regressions, 'regression')}**` : '✅ **no regressions**';
  lines.push(
    `${verdict}; ${n(c.fixes, 'fix', 'fixes')}, ${c.changedEvidence.length} with changed evidence, ${n(c.newChecks, 'new check')}, ` +
      `${n(c.removedChecks, 'removed check')}, ${n(c.otherChanges, 'other status change')}, ${c.unchanged} unchanged.`,
  );
  lines.push(
    ...section('Regressions: did not fail in A, fail or warn in B', c.regressions, 'both'),
    ...section('Fixes: failed or warned in A, pass in B', c.fixes, 'both'),
    ...changedEvidenceSection(c.changedEvidence),
    ...section('New checks (only in B)', c.newChecks, 'b'),
    ...section('Removed checks (only in A)', c.removedChecks, 'a'),
    ...section('Other status changes (e.g. no longer observed: skipped or blocked is not a fix)', c.otherChanges, 'both'),
  );
  return `${lines.join('\n')}\n`;
}
