// The GitHub step summary: appended only when GITHUB_STEP_SUMMARY is set; verdict, requirement
// counts, new failures against the baseline, top causes and artefact paths.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateBaseline } from '../../../src/ci/baseline.js';
import { appendStepSummary, renderStepSummary } from '../../../src/ci/step-summary.js';
import { cause, check, doc, REQ } from './crafted.js';

const c409 = cause(REQ.put412, 'PutSession should answer 412', '409');
const checks = [
  check(REQ.put412, 'stale-put', 'fail', { cause: c409 }),
  check(REQ.put412, 'stale-put-2', 'fail', { cause: c409 }),
  check(REQ.del412, 'stale-delete', 'fail', { cause: cause(REQ.del412, 'DeleteSessionById should answer 412', '409') }),
  check(REQ.post201, 'created', 'pass'),
  check(REQ.post412, 'blocked-by-post', 'blocked', { blockedBy: REQ.post201, cause: cause(REQ.post201, 'PostSession should answer 201', '500') }),
];

describe(appendStepSummary.name, () => {
  it('should write nothing when GITHUB_STEP_SUMMARY is not set', () => {
    const dir = mkdtempSync(join(tmpdir(), 'step-none-'));
    expect(appendStepSummary({ doc: doc(checks), artefacts: [] }, { GITHUB_WORKSPACE: dir })).toBeUndefined();
    expect(appendStepSummary({ doc: doc(checks), artefacts: [] }, { GITHUB_STEP_SUMMARY: '' })).toBeUndefined();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('should append to the file GITHUB_STEP_SUMMARY names, keeping what earlier steps wrote', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'step-')), 'summary.md');
    writeFileSync(file, '# earlier step\n');
    expect(appendStepSummary({ doc: doc(checks), artefacts: ['/w/reports/conformance.md'] }, { GITHUB_STEP_SUMMARY: file, GITHUB_WORKSPACE: '/w' })).toBe(file);
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith('# earlier step\n## Ed-Fi sessions conformance: ❌ failed')).toBe(true);
    expect(text).toContain('- `reports/conformance.md`');
    expect(existsSync(file)).toBe(true);
  });
});

describe(renderStepSummary.name, () => {
  it('should count requirements by status, a blocked check making the requirement it names violated', () => {
    const md = renderStepSummary({ doc: doc(checks), artefacts: [] }, {});
    // put412 and del412 fail; post201 passes its own check but a blocked check names it; post412 is blocked.
    expect(md).toContain('| requirements | met | violated | blocked | not-applicable | not-run |');
    expect(md).toContain('| 4 | 0 | 3 | 1 | 0 | 0 |');
    expect(md).toContain('Checks: 1 passed, 3 failed, 0 warned, 1 blocked, 0 skipped, 0 errors (5).');
  });

  it('should give each resource its own row, then the total, when conformance.json records the resources', () => {
    const requirements = [
      { id: REQ.put412, resource: 'sessions' }, { id: REQ.del412, resource: 'sessions' }, { id: REQ.post201, resource: 'sessions' },
      { id: 'CO-PUT-412-STALE', resource: 'courseOfferings' }, { id: 'SES-TOKEN-BASIC-OK', resource: null },
    ];
    const md = renderStepSummary({ doc: doc([...checks, check('CO-PUT-412-STALE', 'co-stale', 'pass')], { requirements }), artefacts: [] }, {});
    expect(md).toContain('| resource | requirements | met | violated | blocked | not-applicable | not-run |');
    // post412 has no row of its own in this file, but its check counts in the total.
    expect(md).toContain('| sessions | 3 | 0 | 3 | 0 | 0 | 0 |\n| courseOfferings | 1 | 1 | 0 | 0 | 0 | 0 |\n| API-wide | 1 | 0 | 0 | 0 | 0 | 1 |\n| **all** | 6 | 1 | 3 | 1 | 0 | 1 |');
  });

  it('should list the top causes, most frequent first', () => {
    const md = renderStepSummary({ doc: doc(checks), artefacts: [] }, {});
    const causes = md.slice(md.indexOf('### Top causes'));
    expect(causes).toContain('| 2 | SES-PUT-412-STALE: PutSession should answer 412 (observed 409) |');
    expect(causes.indexOf('SES-PUT-412-STALE')).toBeLessThan(causes.indexOf('SES-DELETE-412-STALE'));
    expect(causes).toContain('SES-POST-201-CREATED: PostSession should answer 201 (observed 500)');
  });

  it('should show new failures against the baseline and pass when every failure is covered', () => {
    const entries = checks.filter((c) => c.verdict === 'fail').map((c) => ({ check: c.checkId, reason: 'known', expires: '2099-01-01' }));
    const covered = evaluateBaseline({ path: 'baseline.json', entries }, checks);
    expect(renderStepSummary({ doc: doc(checks, { baseline: covered }), artefacts: [] }, {})).toMatch(/^## Ed-Fi sessions conformance: ✅ passed[\s\S]*3 known failure\(s\) covered · \*\*0 new failure\(s\)\*\*/);
    const partial = evaluateBaseline({ path: 'baseline.json', entries: entries.slice(0, 2) }, checks);
    const md = renderStepSummary({ doc: doc(checks, { baseline: partial }), artefacts: [] }, {});
    expect(md).toMatch(/^## Ed-Fi sessions conformance: ❌ failed/);
    expect(md).toContain(`| \`${REQ.del412}/stale-delete\` | fail | not in baseline |`);
  });

  it('should link the run page when GitHub says where it is', () => {
    const md = renderStepSummary({ doc: doc([]), artefacts: [] }, { GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'o/r', GITHUB_RUN_ID: '5' });
    expect(md).toContain('https://github.com/o/r/actions/runs/5#artifacts');
  });
});
