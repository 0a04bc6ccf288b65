import { describe, expect, it } from 'vitest';
import { buildMatrix, renderMatrixMarkdown, requirementVerdict } from '../../../src/report/matrix.js';
import type { CheckResult } from '../../../src/report/results.js';
import type { SeedPair } from '../../../src/requirements/seed-pair-parser.js';
import type { Requirement } from '../../../src/requirements/types.js';

const req = (id: string): Requirement => ({ id, level: 'MUST', source: 'seed:PutSession 412', area: 'etag', operation: 'PutSession', statement: `statement of ${id}` });
const pair = (operation: SeedPair['operation'], status: number): SeedPair => ({ operation, method: 'PUT', path: '/ed-fi/sessions/{id}', status, elicitable: status >= 500 ? 'fault-only' : 'yes' });
const result = (requirementId: string, verdict: CheckResult['verdict'], elicited: CheckResult['elicited'] = [], cases?: CheckResult['cases']): CheckResult => ({
  checkId: `${requirementId}/x`,
  requirementId, title: `${requirementId} check`, file: 'specs/x.spec.ts', level: 'MUST', area: 'etag', operation: 'PutSession', verdict, elicited, requests: 1, seed: 1, durationMs: 1, errors: [], cases,
});

describe(buildMatrix.name, () => {
  const matrix = buildMatrix({
    requirements: [req('SES-A'), req('SES-B'), req('SES-C')],
    pairs: [pair('PutSession', 412), pair('PutSession', 404), pair('PutSession', 409), pair('PutSession', 500)],
    checks: [
      result('SES-A', 'pass', [{ operation: 'PutSession', status: 412, observedStatus: 412 }]),
      result('SES-A', 'fail', [{ operation: 'PutSession', status: 404, observedStatus: 204 }]),
      result('SES-B', 'skip', [], [{ id: 'beginDate.missing', expected: 400, observed: 201 }]),
    ],
    target: 'http://h',
    profile: 'ods-7.3',
    seed: 5,
  });

  it('should give each requirement the worst verdict of its checks, or not-run', () => {
    expect(matrix.requirements.map((r) => [r.id, r.verdict])).toEqual([['SES-A', 'fail'], ['SES-B', 'skip'], ['SES-C', 'not-run']]);
  });

  it('should mark each documented pair elicited, mismatched, not elicited or fault-only', () => {
    expect(matrix.seedPairs.map((p) => [p.status, p.result])).toEqual([[412, 'elicited'], [404, 'mismatch'], [409, 'not-elicited'], [500, 'fault-only']]);
    expect(matrix.seedPairs[1]!.elicitedBy).toEqual([{ requirementId: 'SES-A', title: 'SES-A check', observedStatus: 204 }]);
    expect(matrix.summary.pairsElicited).toBe(1);
  });

  it('should carry data-driven case rows into the markdown', () => {
    const md = renderMatrixMarkdown(matrix);
    expect(md).toContain('| SES-B | beginDate.missing | 400 | 201 |');
    expect(md).toContain('| PutSession | PUT | /ed-fi/sessions/{id} | 404 | mismatch | SES-A (204) |');
  });
});

describe(requirementVerdict.name, () => {
  it('should rank error over fail over warn over pass over skip', () => {
    expect(requirementVerdict([result('X', 'pass'), result('X', 'warn')])).toBe('warn');
    expect(requirementVerdict([result('X', 'skip'), result('X', 'pass')])).toBe('pass');
    expect(requirementVerdict([result('X', 'fail'), result('X', 'error')])).toBe('error');
  });
});
