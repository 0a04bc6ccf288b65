// Run comparison on crafted pairs: regression, fix, new and removed checks, changed evidence, no
// longer observed (not a fix), different profiles and suite versions, Markdown and exit codes. The
// first compare runs the real CLI in a child process; the others call its main() in this process.
import { describe, expect, it } from 'vitest';
import { compareRuns, comparisonExitCode } from '../../../src/ci/compare.js';
import { renderComparisonMarkdown } from '../../../src/ci/compare-markdown.js';
import type { ConformanceDocument } from '../../../src/ci/conformance-file.js';
import { runCli } from '../helpers/cli.js';
import { runMain } from '../helpers/cli-in-process.js';
import { cause, check, doc, identity, REQ, reportDir } from './crafted.js';

const compare = (a: ConformanceDocument, b: ConformanceDocument) => compareRuns({ source: 'a', doc: a }, { source: 'b', doc: b });
const ids = (xs: Array<{ checkId: string }>): string[] => xs.map((x) => x.checkId);

const c409 = cause(REQ.put412, 'PutSession should answer 412', '409');
const c200 = cause(REQ.put412, 'PutSession should answer 412', '200');

describe(compareRuns.name, () => {
  const before = doc([
    check(REQ.post201, 'stays-green', 'pass'),
    check(REQ.post201, 'goes-red', 'pass'),
    check(REQ.del412, 'gets-fixed', 'fail'),
    check(REQ.put412, 'cause-moves', 'fail', { cause: c409 }),
    check(REQ.put412, 'fail-to-warn', 'fail'),
    check(REQ.post412, 'no-longer-observed', 'fail'),
    check(REQ.post412, 'dropped', 'pass'),
    check(REQ.post412, 'skip-to-fail', 'skip'),
  ]);
  const after = doc(
    [
      check(REQ.post201, 'stays-green', 'pass'),
      check(REQ.post201, 'goes-red', 'fail', { cause: c200 }),
      check(REQ.del412, 'gets-fixed', 'pass'),
      check(REQ.put412, 'cause-moves', 'fail', { cause: c200 }),
      check(REQ.put412, 'fail-to-warn', 'warn'),
      check(REQ.post412, 'no-longer-observed', 'blocked', { blockedBy: REQ.post201 }),
      check(REQ.post412, 'added', 'pass'),
      check(REQ.post412, 'skip-to-fail', 'fail'),
    ],
    { run: identity({ seed: 7 }) },
  );
  const result = compare(before, after);

  it('should find regressions: not failing before, failing or warning now', () => {
    expect(ids(result.regressions)).toEqual([`${REQ.post201}/goes-red`, `${REQ.post412}/skip-to-fail`]);
    expect(result.regressions[0]!.b).toEqual({ verdict: 'fail', cause: c200.key });
    expect(comparisonExitCode(result)).toBe(1);
  });

  it('should find fixes, and not count a check that is now blocked as fixed', () => {
    expect(ids(result.fixes)).toEqual([`${REQ.del412}/gets-fixed`]);
    expect(ids(result.otherChanges)).toEqual([`${REQ.post412}/no-longer-observed`]);
  });

  it('should find changed evidence: still failing, with another verdict or cause', () => {
    expect(ids(result.changedEvidence)).toEqual([`${REQ.put412}/cause-moves`, `${REQ.put412}/fail-to-warn`]);
    expect(result.changedEvidence[0]).toMatchObject({ a: { cause: c409.key }, b: { cause: c200.key } });
  });

  it('should find new and removed checks', () => {
    expect(ids(result.newChecks)).toEqual([`${REQ.post412}/added`]);
    expect(ids(result.removedChecks)).toEqual([`${REQ.post412}/dropped`]);
    expect(result.unchanged).toBe(1);
  });

  it('should exit 0 when nothing regressed, and count an unchanged failure as unchanged', () => {
    const same = compare(doc([check(REQ.put412, 'x', 'fail', { cause: c409 })]), doc([check(REQ.put412, 'x', 'fail', { cause: c409 })]));
    expect(comparisonExitCode(same)).toBe(0);
    expect(same.unchanged).toBe(1);
    expect(same.warnings).toEqual([]);
  });

  it('should warn at the top when the profiles or suite versions differ', () => {
    const other = compare(doc([]), doc([], { run: identity({ profile: 'dms', suite: { name: 's', version: '0.2.0' } }) }));
    expect(other.warnings).toEqual([expect.stringMatching(/^Different profiles: A ran ods-7\.3, B ran dms/), expect.stringMatching(/^Different suite versions: A 0\.1\.0, B 0\.2\.0/)]);
    const md = renderComparisonMarkdown(other);
    expect(md.split('\n')[0]).toMatch(/^> ⚠️ Different profiles/);
  });

  it('should warn when the runs checked different resources, not when either did not record them', () => {
    const narrowed = compare(doc([], { run: identity({ resources: ['sessions', 'courseOfferings'] }) }), doc([], { run: identity({ resources: ['sessions'] }) }));
    expect(narrowed.warnings).toEqual(['The runs checked different resources (A sessions, courseOfferings, B sessions); the checks of a resource only one run checked appear as new or removed.']);
    expect(compare(doc([]), doc([], { run: identity({ resources: ['sessions'] }) })).warnings).toEqual([]);
  });

  it('should render identities, a verdict line and one table per kind of change as Markdown', () => {
    const md = renderComparisonMarkdown(result);
    expect(md).toContain('| host | Ed-Fi ODS/API 7.3 (Ed-Fi 5.2.0) | Ed-Fi ODS/API 7.3 (Ed-Fi 5.2.0) |');
    expect(md).toContain('| seed | 42 | 7 |');
    expect(md).toContain('| suite version | 0.1.0 (aaaaaaaaaaaa) | 0.1.0 (aaaaaaaaaaaa) |');
    expect(md).toContain('❌ **2 regressions**; 1 fix, 2 with changed evidence, 1 new check, 1 removed check, 1 other status change, 1 unchanged.');
    for (const heading of ['### Regressions', '### Fixes', '### Changed evidence', '### New checks', '### Removed checks', '### Other status changes']) expect(md).toContain(heading);
    expect(md).toContain(`| \`${REQ.put412}/cause-moves\` | fail → fail | ${c409.key.replace(/\|/g, '\\|')} | ${c200.key.replace(/\|/g, '\\|')} |`);
  });

  it('should keep masked values such as <etag> visible in Markdown (not taken for HTML)', () => {
    const masked = cause(REQ.put412, 'GET should answer the ETag the POST gave', '<etag>');
    const md = renderComparisonMarkdown(compare(doc([check(REQ.put412, 'x', 'pass')]), doc([check(REQ.put412, 'x', 'fail', { cause: masked })])));
    expect(md).toContain('GET should answer the ETag the POST gave \\| &lt;etag&gt; |');
  });
});

describe('edfi-conformance compare (CLI)', () => {
  it('should print Markdown and exit 1 on a regression, JSON with --json, 0 when nothing regressed', async () => {
    const a = reportDir(doc([check(REQ.post201, 'x', 'pass')]));
    const b = reportDir(doc([check(REQ.post201, 'x', 'fail')]));
    const md = await runCli(['compare', a, `${b}/conformance.json`]);
    expect(md.code, md.stderr).toBe(1);
    expect(md.stdout).toContain('### Regressions: did not fail in A, fail or warn in B (1)');
    const json = await runMain(['compare', b, a, '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).fixes).toHaveLength(1);
  });

  it('should exit 2 with one sentence on unreadable input', async () => {
    const a = reportDir(doc([]));
    const missing = await runMain(['compare', a, '/nonexistent/conformance.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toBe('edfi-conformance: Cannot read /nonexistent/conformance.json; give a conformance.json or the report directory that holds one.');
    const foreign = await runMain(['compare', a, reportDir({ hello: 'world' } as never)]);
    expect(foreign.code).toBe(2);
    expect(foreign.stderr).toMatch(/is not a conformance\.json written by edfi-conformance/);
  });
});
