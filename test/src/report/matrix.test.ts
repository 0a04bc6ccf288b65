import { describe, expect, it } from 'vitest';
import { buildMatrix, renderMatrixMarkdown } from '../../../src/report/matrix.js';
import type { CheckResult } from '../../../src/report/results.js';
import type { SeedPair } from '../../../src/requirements/seed-pair-parser.js';
import type { Requirement } from '../../../src/requirements/types.js';

const req = (id: string): Requirement => ({ id, level: 'MUST', source: 'seed:PutSession 412', area: 'etag', operation: 'PutSession', statement: `statement of ${id}` });
const pair = (operation: SeedPair['operation'], status: number): SeedPair => ({ operation, method: 'PUT', path: '/ed-fi/sessions/{id}', status, elicitable: status >= 500 ? 'fault-only' : 'yes' });
let n = 0;
const result = (requirementId: string, verdict: CheckResult['verdict'], extra: Partial<CheckResult> = {}): CheckResult => ({
  checkId: `${requirementId}/case-${++n}`,
  requirementId, title: `${requirementId} check`, file: 'specs/x.spec.ts', level: 'MUST', area: 'etag', operation: 'PutSession', verdict, elicited: [], requests: 1, seed: 1, durationMs: 1, errors: [],
  ...extra,
});
const put400 = (observedStatus: number) => ({ elicited: [{ operation: 'PutSession' as const, status: 400, observedStatus }] });

describe(buildMatrix.name, () => {
  const matrix = buildMatrix({
    requirements: ['SES-A', 'SES-B', 'SES-C', 'SES-D', 'SES-E', 'SES-F'].map(req),
    pairs: [pair('PutSession', 412), pair('PutSession', 404), pair('PutSession', 409), pair('PutSession', 500), pair('PutSession', 400)],
    checks: [
      result('SES-A', 'pass', { elicited: [{ operation: 'PutSession', status: 412, observedStatus: 412 }] }),
      result('SES-A', 'fail', { elicited: [{ operation: 'PutSession', status: 404, observedStatus: 204 }], reason: 'expected 404, got 204', cause: { key: 'k-a', requirementId: 'SES-A', what: 'a missing id answers 404', observed: '204' } }),
      result('SES-B', 'skip', { cases: [{ id: 'beginDate.missing', expected: 400, observed: 201 }], reason: 'no snapshot target' }),
      // SES-D is only blocked, by SES-E: SES-E is violated although none of its own checks failed.
      result('SES-D', 'blocked', { blockedBy: 'SES-E', reason: 'set-up GET had no ETag', decidedBy: ['etag-required'] }),
      result('SES-E', 'pass'),
      ...Array.from({ length: 41 }, () => result('SES-F', 'pass', put400(400))),
      result('SES-F', 'pass', put400(422)),
    ],
    target: 'http://h',
    profile: 'ods-7.3',
    seed: 5,
  });
  const status = (id: string): string | undefined => matrix.requirements.find((r) => r.id === id)?.status;

  it('should give each requirement a status: met, violated, blocked, not-applicable or not-run', () => {
    expect(matrix.requirements.map((r) => [r.id, r.status])).toEqual([
      ['SES-A', 'violated'], ['SES-B', 'not-applicable'], ['SES-C', 'not-run'], ['SES-D', 'blocked'], ['SES-E', 'violated'], ['SES-F', 'met'],
    ]);
    expect(matrix.requirements.find((r) => r.id === 'SES-E')?.blocking).toEqual([expect.stringMatching(/^SES-D\//)]);
    expect(matrix.summary.requirementStatus).toEqual({ met: 1, violated: 2, blocked: 1, 'not-applicable': 1, 'not-run': 1 });
    expect(status('SES-D')).toBe('blocked');
  });

  it('should keep each check verdict with its id, reason, blockedBy and decidedBy, and count blocked checks', () => {
    const d = matrix.requirements.find((r) => r.id === 'SES-D')!;
    expect(d.checks).toEqual([{ checkId: expect.stringMatching(/^SES-D\//), title: 'SES-D check', verdict: 'blocked', reason: 'set-up GET had no ETag', blockedBy: 'SES-E', decidedBy: ['etag-required'] }]);
    expect(d.decidedBy).toEqual(['etag-required']);
    expect(matrix.summary).toMatchObject({ pass: 44, fail: 1, blocked: 1, skip: 1, warn: 0, error: 0, checks: 47 });
    expect(matrix.decisions).toEqual([{ entry: 'etag-required', checks: 1, requirements: [{ id: 'SES-D', checks: 1 }] }]);
  });

  it('should group the checks that did not pass by cause', () => {
    expect(matrix.causes.map((c) => [c.requirementId, c.checks, c.failed, c.blocked])).toEqual([['SES-A', 1, 1, 0], ['SES-E', 1, 0, 1]]);
  });

  it('should mark each documented pair elicited, mismatched, not elicited or fault-only', () => {
    expect(matrix.pairs.map((p) => [p.status, p.result])).toEqual([[412, 'elicited'], [404, 'mismatch'], [409, 'not-elicited'], [500, 'fault-only'], [400, 'elicited']]);
    expect(matrix.pairs[1]!.elicitedBy).toEqual([{ requirementId: 'SES-A', checks: 1, observed: { 204: 1 } }]);
    expect(matrix.summary.pairsElicited).toBe(2);
  });

  it('should list each requirement once per pair with a count, not once per check', () => {
    expect(matrix.pairs[4]!.elicitedBy).toEqual([{ requirementId: 'SES-F', checks: 42, observed: { 400: 41, 422: 1 } }]);
    const md = renderMatrixMarkdown(matrix);
    expect(md).toContain('| PutSession | PUT | /ed-fi/sessions/{id} | 400 | elicited | SES-F ×42 (400 ×41, 422) |');
    expect(md).toContain('| PutSession | PUT | /ed-fi/sessions/{id} | 404 | mismatch | SES-A (204) |');
    expect(md.match(/SES-F/g)?.length).toBeLessThan(5);
  });

  it('should lead the markdown with requirement counts and causes, and name the register entries', () => {
    const md = renderMatrixMarkdown(matrix);
    expect(md).toContain('Requirements: 6 (met 1, violated 2, blocked 1, not applicable 1, not run 1).');
    expect(md.indexOf('## Causes')).toBeLessThan(md.indexOf('## Requirements'));
    expect(md).toContain('| MUST | SES-A | a missing id answers 404 | 204 | ×1 check (1 failed) |');
    expect(md).toMatch(/\| SES-D\/case-\d+ \| blocked \| SES-E \| set-up GET had no ETag \| etag-required \|/);
    expect(md).toContain('| etag-required | 1 | SES-D |');
    expect(md).toContain('| SES-B | beginDate.missing | 400 | 201 |');
  });
});

describe('the matrix per resource', () => {
  const coReq = (id: string): Requirement => ({ id, level: 'MUST', source: 'openapi:PutCourseOffering 412', area: 'etag', operation: 'PutCourseOffering', statement: `statement of ${id}` });
  const token: Requirement = { id: 'SES-TOKEN-BASIC-OK', level: 'MUST', source: 'CONTRACT.md', area: 'auth', operation: 'Token', statement: 'tokens' };
  const coPair = (status: number): SeedPair => ({ operation: 'PutCourseOffering', method: 'PUT', path: '/ed-fi/courseOfferings/{id}', status, elicitable: 'yes' });
  const input = {
    // Catalogue order mixes them; the matrix groups them.
    requirements: [req('SES-A'), token, coReq('CO-A'), req('SES-B'), coReq('CO-B')],
    pairs: [pair('PutSession', 412), coPair(412), coPair(404)],
    checks: [
      result('SES-A', 'pass', { resource: 'sessions', elicited: [{ operation: 'PutSession', status: 412, observedStatus: 412 }] }),
      result('CO-A', 'fail', { resource: 'courseOfferings', operation: 'PutCourseOffering', elicited: [{ operation: 'PutCourseOffering', status: 412, observedStatus: 204 }] }),
      result('CO-B', 'pass', { resource: 'courseOfferings', operation: 'PutCourseOffering', elicited: [{ operation: 'PutCourseOffering', status: 404, observedStatus: 404 }] }),
      result('SES-TOKEN-BASIC-OK', 'pass', { area: 'auth', operation: 'Token' }),
    ],
    target: 'http://h',
    profile: 'ods-7.3',
    seed: 5,
  };
  const all = buildMatrix(input);
  const coOnly = buildMatrix({ ...input, resources: ['courseOfferings'] });

  it('should tag each requirement and pair with its resource, grouped sessions, courseOfferings, then API-wide', () => {
    expect(all.requirements.map((r) => [r.id, r.resource])).toEqual([
      ['SES-A', 'sessions'], ['SES-B', 'sessions'], ['CO-A', 'courseOfferings'], ['CO-B', 'courseOfferings'], ['SES-TOKEN-BASIC-OK', null],
    ]);
    expect(all.pairs.map((p) => [p.resource, p.operation, p.status, p.result])).toEqual([
      ['sessions', 'PutSession', 412, 'elicited'], ['courseOfferings', 'PutCourseOffering', 412, 'mismatch'], ['courseOfferings', 'PutCourseOffering', 404, 'elicited'],
    ]);
  });

  it('should count requirements, checks and pairs per resource', () => {
    expect(all.summary.byResource.map((g) => [g.resource, g.requirements, g.requirementStatus.met, g.requirementStatus.violated, g.requirementStatus['not-run'], g.checks, g.pairsElicited, g.pairsTotal, g.pairsSource])).toEqual([
      ['sessions', 2, 1, 0, 1, 1, 1, 1, 'seed'],
      ['courseOfferings', 2, 1, 1, 0, 2, 1, 2, 'openapi'],
      [null, 1, 1, 0, 0, 1, 0, 0, undefined],
    ]);
    expect(all.summary).toMatchObject({ requirements: 5, pairsElicited: 2, pairsTotal: 3 });
  });

  it('should leave out the requirements and pairs of a resource the run did not check, never as not run', () => {
    expect(coOnly.resources).toEqual(['courseOfferings']);
    expect(coOnly.requirements.map((r) => r.id)).toEqual(['CO-A', 'CO-B', 'SES-TOKEN-BASIC-OK']);
    expect(coOnly.summary.requirementStatus['not-run']).toBe(0);
    expect(coOnly.pairs.every((p) => p.resource === 'courseOfferings')).toBe(true);
    expect(coOnly.summary.byResource.map((g) => g.resource)).toEqual(['courseOfferings', null]);
  });

  it('should render a table per resource up front, the requirements and the pair tables under a heading per resource', () => {
    const md = renderMatrixMarkdown(all);
    expect(md).toContain('# Ed-Fi conformance: sessions, courseOfferings');
    expect(md).toContain('| sessions | 2 | 1 | 0 | 0 | 0 | 1 | 1 | 0 | 1/1 |');
    expect(md).toContain('| courseOfferings | 2 | 1 | 1 | 0 | 0 | 0 | 2 | 1 | 1/2 |');
    expect(md).toContain('| API-wide (token, discovery) | 1 | 1 | 0 | 0 | 0 | 0 | 1 | 0 | — |');
    const order = ['### sessions (2)', '### courseOfferings (2)', '### API-wide (token, discovery) (1)', '### sessions (SDK seed: 1/1 elicited)', '### courseOfferings (committed OpenAPI, ODS/API 7.3: 1/2 elicited)'].map((h) => md.indexOf(h));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(md.slice(order[4]!)).toContain('| PutCourseOffering | PUT | /ed-fi/courseOfferings/{id} | 412 | mismatch | CO-A (204) |');
    expect(md.slice(order[3]!, order[4]!)).not.toContain('CourseOffering');
    expect(renderMatrixMarkdown(coOnly)).not.toContain('### sessions');
  });
});

describe('a documented pair no check can elicit', () => {
  const coDelete = (status: number, elicitable: SeedPair['elicitable']): SeedPair => ({ operation: 'DeleteCourseOfferingById', method: 'DELETE', path: '/ed-fi/courseOfferings/{id}', status, elicitable });
  const input = {
    requirements: [{ id: 'CO-A', level: 'MUST' as const, source: 'openapi:DeleteCourseOfferingById 204', area: 'status' as const, operation: 'DeleteCourseOfferingById', statement: 'deletes' }],
    pairs: [coDelete(204, 'yes'), coDelete(404, 'yes'), coDelete(409, 'no-dependent'), coDelete(500, 'fault-only')],
    checks: [result('CO-A', 'pass', { resource: 'courseOfferings', operation: 'DeleteCourseOfferingById', elicited: [{ operation: 'DeleteCourseOfferingById', status: 204, observedStatus: 204 }] })],
    target: 'http://h',
    profile: 'ods-7.3',
    seed: 5,
    resources: ['courseOfferings'],
  };
  const m = buildMatrix(input);

  it('should show it as not elicitable, with the reason, apart from the pairs no check asked for', () => {
    expect(m.pairs.map((p) => [p.status, p.result])).toEqual([[204, 'elicited'], [404, 'not-elicited'], [409, 'not-elicitable'], [500, 'fault-only']]);
    expect(m.pairs[2]!.note).toMatch(/no dependent resource the suite knows \(nothing it can create references a course offering\)/);
    expect(m.pairs.filter((p) => p.result !== 'not-elicitable').every((p) => p.note === undefined)).toBe(true);
    expect(m.summary).toMatchObject({ pairsElicited: 1, pairsNotElicitable: 1, pairsTotal: 4 });
    expect(m.summary.byResource[0]).toMatchObject({ resource: 'courseOfferings', pairsElicited: 1, pairsNotElicitable: 1, pairsTotal: 4 });
  });

  it('should say so in the markdown: the summary, the resource table, the heading and the row', () => {
    const md = renderMatrixMarkdown(m);
    expect(md).toContain('Documented status pairs elicited: 1/4 (1 not elicitable here).');
    expect(md).toContain('| 1/4 (1 not elicitable here) |');
    expect(md).toContain('### courseOfferings (committed OpenAPI, ODS/API 7.3: 1/4 elicited, 1 not elicitable here)');
    expect(md).toMatch(/\| DeleteCourseOfferingById \| DELETE \| \/ed-fi\/courseOfferings\/\{id\} \| 409 \| not-elicitable \| not elicitable here: no dependent resource/);
    expect(md).toContain('| DeleteCourseOfferingById | DELETE | /ed-fi/courseOfferings/{id} | 404 | not-elicited | — |');
  });

  it('should count it as elicited when a check elicits it after all (what was observed wins)', () => {
    const elicited = buildMatrix({ ...input, checks: [...input.checks, result('CO-A', 'pass', { resource: 'courseOfferings', operation: 'DeleteCourseOfferingById', elicited: [{ operation: 'DeleteCourseOfferingById', status: 409, observedStatus: 409 }] })] });
    expect(elicited.pairs.find((p) => p.status === 409)).toMatchObject({ result: 'elicited' });
    expect(elicited.pairs.find((p) => p.status === 409)!.note).toBeUndefined();
    expect(elicited.summary).toMatchObject({ pairsElicited: 2, pairsNotElicitable: 0 });
    expect(renderMatrixMarkdown(elicited)).toContain('Documented status pairs elicited: 2/4.');
  });
});
