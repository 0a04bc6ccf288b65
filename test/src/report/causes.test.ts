import { describe, expect, it } from 'vitest';
import { causeForGrouping, causeTally, groupByCause } from '../../../src/report/causes.js';
import type { CheckResult } from '../../../src/report/results.js';

let n = 0;
const check = (requirementId: string, verdict: CheckResult['verdict'], extra: Partial<CheckResult> = {}): CheckResult => ({
  checkId: `${requirementId}/c${++n}`, requirementId, title: 't', file: 'f', level: 'MUST', area: 'etag', operation: 'PutSession', verdict, elicited: [], requests: 0, seed: 1, durationMs: 0, errors: [], ...extra,
});
const etag = { key: 'SES-ETAG|no etag|absent', requirementId: 'SES-ETAG', what: 'a 200 answer carries an ETag', observed: '(no ETag header)' };

describe(groupByCause.name, () => {
  const groups = groupByCause([
    check('SES-PUT-415', 'blocked', { blockedBy: 'SES-ETAG', cause: etag }),
    check('SES-PUT-401', 'blocked', { blockedBy: 'SES-ETAG', cause: etag }),
    check('SES-ETAG', 'fail', { cause: etag }),
    check('SES-LOC', 'warn', { reason: '[SES-LOC] a Location header is sent\n  observed: none' }),
    check('SES-X', 'pass'),
    check('SES-Y', 'skip', { reason: 'r' }),
  ], (id) => (id === 'SES-ETAG' ? 'MUST' : undefined));

  it('should put checks with the same cause together, whichever requirement they belong to', () => {
    expect(groups.map((g) => [g.key, g.checks, g.failed, g.blocked, g.warned])).toEqual([
      ['SES-ETAG|no etag|absent', 3, 1, 2, 0],
      ['SES-LOC|a Location header is sent', 1, 0, 0, 1],
    ]);
    expect(groups[0]!.level).toBe('MUST');
    expect(groups[0]!.example).toMatch(/^SES-PUT-415\//);
    expect(causeTally(groups[0]!)).toBe('×3 checks (1 failed, 2 blocked)');
  });

  it('should fall back to the requirement (the blocking one for blocked checks) and the first message line', () => {
    expect(causeForGrouping(check('SES-A', 'blocked', { blockedBy: 'SES-B', reason: 'set-up failed\nmore' }))).toEqual({ key: 'SES-B|set-up failed', requirementId: 'SES-B', what: 'set-up failed', observed: '' });
    expect(causeForGrouping(check('SES-A', 'fail', { errors: ['[SES-A] status is 404\n  expected: 404\n  observed: 200'] }))).toEqual({ key: 'SES-A|status is 404', requirementId: 'SES-A', what: 'status is 404', observed: '200' });
  });
});
