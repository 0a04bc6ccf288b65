import { describe, expect, it } from 'vitest';
import { renderJunit } from '../../../src/report/junit.js';
import { registerSecret } from '../../../src/report/redact.js';
import type { CheckResult } from '../../../src/report/results.js';

const check = (verdict: CheckResult['verdict'], extra: Partial<CheckResult> = {}): CheckResult => ({
  checkId: `SES-X-${verdict.toUpperCase()}/a-${verdict}-case`, requirementId: `SES-X-${verdict.toUpperCase()}`, title: `a ${verdict} case`, file: 'f', level: verdict === 'warn' ? 'SHOULD' : 'MUST',
  area: 'etag', operation: 'PutSession', verdict, elicited: [], requests: 1, seed: 1, durationMs: 1500, errors: [], ...extra,
});

const SECRET = 'junit-secret-value-42';
registerSecret(SECRET);
const checks: CheckResult[] = [
  check('pass', { area: 'paging' }),
  check('fail', { errors: [`expected 412 <stale>\nobserved 200 & "ok" with Bearer ${SECRET}\u0007`], cause: { key: 'k1', requirementId: 'SES-X-FAIL', what: 'w', observed: 'o' } }),
  check('error', { errors: ['TypeError: x is undefined'] }),
  check('warn', { reason: 'no Location header' }),
  check('skip', { reason: 'the target has no change queries' }),
  check('blocked', { blockedBy: 'SES-GET-ETAG', reason: 'the set-up GET answered 200 without an ETag\nGET /sessions/1', decidedBy: ['ods-etag'] }),
  check('blocked', { checkId: 'SES-X-BLOCKED/worded', blockedBy: 'SES-GET-ETAG', reason: 'blocked by SES-GET-ETAG: no ETag' }),
];
const xml = renderJunit({ checks, timestamp: '2026-01-01T00:00:00.000Z', suiteErrors: ['specs/x.spec.ts: Unknown requirement id'] });

/** Well-formed enough for JUnit consumers: balanced tags, no bare '&' or '<', no control characters. */
function wellFormed(text: string): string | true {
  const stack: string[] = [];
  const body = text.replace(/^<\?xml[^>]*\?>/, '');
  for (const m of body.matchAll(/<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>/g)) {
    if (m[1]) {
      if (stack.pop() !== m[2]) return `unbalanced </${m[2]}>`;
    } else if (!m[4]) stack.push(m[2]!);
  }
  if (stack.length) return `unclosed <${stack.at(-1)}>`;
  const text_ = body.replace(/<[^>]*>/g, '');
  if (/&(?!(amp|lt|gt|quot|apos);)/.test(text_)) return 'bare &';
  if (/[<]/.test(text_)) return 'bare <';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(text)) return 'control character';
  return true;
}

const testcase = (id: string): string => new RegExp(`<testcase name="${id.replace(/[/.]/g, '\\$&')}"[\\s\\S]*?</testcase>`).exec(xml)?.[0] ?? '';

describe(renderJunit.name, () => {
  it('should be well-formed XML', () => {
    expect(wellFormed(xml)).toBe(true);
    expect(wellFormed('<a><b></a>')).not.toBe(true);
  });

  it('should name each testcase by its stable check id, one testsuite per resource, classnames by resource and area', () => {
    expect(xml).toContain('<testcase name="SES-X-PASS/a-pass-case" classname="edfi.sessions.paging" time="1.500">');
    expect(xml).toContain('<testcase name="SES-X-FAIL/a-fail-case" classname="edfi.sessions.etag"');
    expect(xml).toMatch(/<testsuite name="edfi.sessions" tests="7" failures="1" errors="1" skipped="3" time="10.500"/);
    expect(xml).toMatch(/<testsuites name="edfi-sessions-conformance" tests="8" failures="1" errors="2" skipped="3"/);
  });

  it('should put each resource in its own testsuite, API-wide checks last, with a resource property', () => {
    const mixed = renderJunit({
      timestamp: '2026-01-01T00:00:00.000Z',
      checks: [
        check('pass', { checkId: 'SES-TOKEN-BASIC-OK/basic', requirementId: 'SES-TOKEN-BASIC-OK', area: 'auth', operation: 'Token' }),
        check('fail', { checkId: 'CO-PUT-412-STALE/stale', requirementId: 'CO-PUT-412-STALE', operation: 'PutCourseOffering', resource: 'courseOfferings' }),
        check('pass', { checkId: 'SES-PUT-412-STALE/stale', requirementId: 'SES-PUT-412-STALE', resource: 'sessions' }),
      ],
    });
    expect(wellFormed(mixed)).toBe(true);
    expect([...mixed.matchAll(/<testsuite name="([^"]+)" tests="(\d+)" failures="(\d+)"/g)].map((m) => [m[1], m[2], m[3]])).toEqual([
      ['edfi.sessions', '1', '0'], ['edfi.courseOfferings', '1', '1'], ['edfi.api', '1', '0'],
    ]);
    expect(mixed).toContain('<testcase name="CO-PUT-412-STALE/stale" classname="edfi.courseOfferings.etag"');
    expect(mixed).toContain('<testcase name="SES-TOKEN-BASIC-OK/basic" classname="edfi.api.auth"');
    expect(mixed).toContain('<property name="resource" value="courseOfferings"/>');
    expect(mixed).toContain('<property name="resource" value="none (API-wide)"/>');
  });

  it('should carry requirement id, level and title as properties', () => {
    expect(testcase('SES-X-WARN/a-warn-case')).toContain('<property name="requirement" value="SES-X-WARN"/>');
    expect(testcase('SES-X-WARN/a-warn-case')).toContain('<property name="level" value="SHOULD"/>');
    expect(testcase('SES-X-WARN/a-warn-case')).toContain('<property name="title" value="a warn case"/>');
  });

  it('should write fail as <failure>, error as <error>, warn as passed with a warning line', () => {
    expect(testcase('SES-X-FAIL/a-fail-case')).toMatch(/<failure message="expected 412 &lt;stale&gt;" type="SES-X-FAIL">expected 412 &lt;stale&gt;\nobserved 200 &amp; &quot;ok&quot; with Bearer \*\*\*\uFFFD<\/failure>/);
    expect(testcase('SES-X-ERROR/a-error-case')).toContain('<error message="TypeError: x is undefined" type="error">');
    const warn = testcase('SES-X-WARN/a-warn-case');
    expect(warn).not.toMatch(/<failure|<error|<skipped/);
    expect(warn).toContain('warning: SHOULD not met: no Location header');
  });

  it('should write skip and blocked as <skipped> with the reason, blocked naming what blocked it', () => {
    expect(testcase('SES-X-SKIP/a-skip-case')).toContain('<skipped message="the target has no change queries"/>');
    const blocked = testcase('SES-X-BLOCKED/a-blocked-case');
    expect(blocked).toContain('<skipped message="blocked by SES-GET-ETAG: the set-up GET answered 200 without an ETag">');
    expect(blocked).toContain('<property name="decidedBy" value="ods-etag"/>');
    expect(testcase('SES-X-BLOCKED/worded')).toContain('<skipped message="blocked by SES-GET-ETAG: no ETag">');
  });

  it('should report suite errors as errors and leak no secret', () => {
    expect(xml).toContain('<testcase name="suite-error-1" classname="edfi.suite"');
    expect(xml).not.toContain(SECRET);
  });
});
