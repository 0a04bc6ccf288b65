import { afterEach, describe, expect, it } from 'vitest';
import { expectStatus, expectNoBody } from '../../../src/assert/status.js';
import { expectProblem } from '../../../src/assert/problem.js';
import { expectEtag, unquoteEtag } from '../../../src/assert/etag.js';
import { ensure } from '../../../src/assert/fail.js';
import { CheckFailedError } from '../../../src/errors.js';
import { runInCheck, type CheckState } from '../../../src/runtime/check-state.js';
import { setProfileForTests } from '../../../src/runtime/profile.js';
import { exchange } from '../helpers/exchange.js';

afterEach(() => setProfileForTests(undefined));

function state(): CheckState {
  return {
    requirement: { id: 'SES-TEST-01', level: 'MUST', source: 'test', area: 'status', operation: 'PutSession', statement: 'x' },
    title: 't',
    meta: { checkId: 'SES-X/x', title: 'x', requirementId: 'SES-TEST-01', level: 'MUST', area: 'status', operation: 'PutSession', verdict: 'pass', elicited: [], requests: 0, seed: 9 },
    exchanges: [],
    replay: 'npm run conformance -- --seed 9 --grep SES-TEST-01',
  };
}

function failureOf(fn: () => unknown): CheckFailedError {
  try {
    fn();
  } catch (e) {
    if (e instanceof CheckFailedError) return e;
    throw e;
  }
  throw new Error('expected a CheckFailedError');
}

const problem404 = { type: 'urn:ed-fi:api:not-found', title: 'Not Found', status: 404, detail: 'Resource to update was not found.', correlationId: 'c' };

describe(expectStatus.name, () => {
  it('should record the elicited (operation, status) pair, also when the status differs', async () => {
    const s = state();
    await runInCheck(s, async () => {
      expectStatus(exchange({ method: 'PUT', url: 'http://h/data/v3/ed-fi/sessions/abc', status: 404, json: problem404 }), 404);
      expect(() => expectStatus(exchange({ method: 'PUT', url: 'http://h/data/v3/ed-fi/sessions/abc', status: 204 }), 412)).toThrow(CheckFailedError);
    });
    expect(s.meta.elicited).toEqual([
      { operation: 'PutSession', status: 404, observedStatus: 404 },
      { operation: 'PutSession', status: 412, observedStatus: 204 },
    ]);
  });

  it('should accept any of several statuses', () => {
    expect(() => expectStatus(exchange({ status: 200 }), [200, 201])).not.toThrow();
  });

  it('should fail with the requirement, expected vs observed, the redacted curl and the replay command', async () => {
    const error = await runInCheck(state(), async () => failureOf(() => expectStatus(exchange({ method: 'PUT', url: 'http://h/data/v3/ed-fi/sessions/abc', status: 204 }), 412, 'stale If-Match')));
    expect(error.message).toMatch(/^\[SES-TEST-01\] PutSession should answer 412 \(stale If-Match\)/);
    expect(error.message).toContain('expected: 412');
    expect(error.message).toContain('observed: 204');
    expect(error.message).toContain("curl: curl -i -X PUT -H 'authorization: Bearer ***' 'http://h/data/v3/ed-fi/sessions/abc'");
    expect(error.message).toContain('replay: npm run conformance -- --seed 9 --grep SES-TEST-01');
    expect(error.message).not.toContain('secret-token-for-tests');
    expect(error.requirementId).toBe('SES-TEST-01');
  });
});

describe(expectProblem.name, () => {
  it('should accept an exact ODS problem with application/problem+json', () => {
    expect(() => expectProblem(exchange({ status: 404, json: problem404, headers: { 'content-type': 'application/problem+json' } }), { status: 404, type: 'urn:ed-fi:api:not-found' })).not.toThrow();
  });

  it('should fail on a different type URN under ods-7.3 but not under guidelines', () => {
    const ex = exchange({ status: 404, json: { ...problem404, type: 'urn:ed-fi:api:not-found:other' } });
    expect(failureOf(() => expectProblem(ex, { status: 404, type: 'urn:ed-fi:api:not-found' })).message).toMatch(/exactly the documented URN/);
    setProfileForTests('guidelines');
    expect(() => expectProblem(ex, { status: 404, type: 'urn:ed-fi:api:not-found' })).not.toThrow();
  });

  it('should require validationErrors and errors under the dms profile only', () => {
    const ex = exchange({ status: 404, json: problem404 });
    expect(() => expectProblem(ex, { status: 404, type: 'urn:ed-fi:api:not-found' })).not.toThrow();
    setProfileForTests('dms');
    expect(failureOf(() => expectProblem(ex, { status: 404, type: 'urn:ed-fi:api:not-found' })).message).toMatch(/DMS problem body always carries/);
    expect(() => expectProblem(exchange({ status: 404, json: { ...problem404, validationErrors: {}, errors: [] } }), { status: 404, type: 'urn:ed-fi:api:not-found' })).not.toThrow();
  });

  it('should ask only the status under the guidelines (no body shape), and still fail a wrong status', () => {
    setProfileForTests('guidelines');
    const plain = exchange({ status: 409, text: 'conflict', headers: { 'content-type': 'text/plain' } });
    expect(() => expectProblem(plain, { status: [400, 409], type: 'urn:ed-fi:api:data-conflict:unresolved-reference', paths: ['$.schoolReference'] })).not.toThrow();
    expect(failureOf(() => expectProblem(plain, { status: 400 })).message).toMatch(/should answer 400/);
  });

  it('should record the register entries that decided the expectation on the running check', async () => {
    const s = state();
    const body = { ...problem404, status: 400, type: 'urn:ed-fi:api:bad-request:data-validation-failed', validationErrors: { '$.beginDate': ['required'] } };
    await runInCheck(s, async () => expectProblem(exchange({ status: 400, json: body }), { status: 400, type: body.type, paths: ['$.beginDate'] }));
    expect(s.meta.decidedBy).toEqual(['problem-body', 'problem-types', 'property-name-case']);
  });

  it('should compare validationErrors paths case-sensitively under dms (property-name-case)', () => {
    const body = { ...problem404, status: 400, validationErrors: { '$.BeginDate': ['required'] }, errors: [] };
    setProfileForTests('dms');
    expect(failureOf(() => expectProblem(exchange({ status: 400, json: body }), { status: 400, paths: ['$.beginDate'] })).message).toMatch(/validationErrors should name/);
  });

  it('should fail when the status member disagrees with the HTTP status', () => {
    expect(failureOf(() => expectProblem(exchange({ status: 404, json: { ...problem404, status: 400 } }), { status: 404 })).message).toMatch(/status member should equal/);
  });

  it('should fail on a non-JSON error body', () => {
    expect(failureOf(() => expectProblem(exchange({ status: 404, text: 'nope', headers: { 'content-type': 'text/plain' } }), { status: 404 })).message).toMatch(/should be JSON/);
  });

  it('should require the validationErrors paths (case-insensitively for ODS)', () => {
    const body = { ...problem404, status: 400, type: 'urn:ed-fi:api:bad-request:data-validation-failed', validationErrors: { '$.BeginDate': ['required'] } };
    const ex = exchange({ status: 400, json: body });
    expect(() => expectProblem(ex, { status: 400, paths: ['$.beginDate'] })).not.toThrow();
    expect(failureOf(() => expectProblem(ex, { status: 400, paths: ['$.endDate'] })).message).toMatch(/validationErrors should name/);
  });

  it('should accept documented sub-types with typePrefix', () => {
    const ex = exchange({ status: 403, json: { ...problem404, status: 403, type: 'urn:ed-fi:api:security:authorization:access-denied:resource' } });
    expect(() => expectProblem(ex, { status: 403, typePrefix: 'urn:ed-fi:api:security:authorization' })).not.toThrow();
    expect(() => expectProblem(ex, { status: 403, typePrefix: 'urn:ed-fi:api:security:auth' })).toThrow(CheckFailedError);
  });
});

describe(expectEtag.name, () => {
  it('should return a quoted ETag and reject missing or unquoted ones', () => {
    expect(expectEtag(exchange({ status: 200, headers: { etag: '"5250374366428622464"' } }))).toBe('"5250374366428622464"');
    expect(unquoteEtag('"5250374366428622464"')).toBe('5250374366428622464');
    expect(() => expectEtag(exchange({ status: 200, headers: { etag: '5250374366428622464' } }))).toThrow(CheckFailedError);
    expect(() => expectEtag(exchange({ status: 200, headers: { etag: '""' } }))).toThrow(CheckFailedError);
    expect(() => expectEtag(exchange({ status: 200 }))).toThrow(CheckFailedError);
  });
});

describe(expectNoBody.name, () => {
  it('should fail when a body is present', () => {
    expect(() => expectNoBody(exchange({ status: 304 }))).not.toThrow();
    expect(() => expectNoBody(exchange({ status: 304, text: '{}' }))).toThrow(CheckFailedError);
  });
});

describe(ensure.name, () => {
  it('should carry expected and actual so reporters mark the check failed, not broken', () => {
    const e = failureOf(() => ensure(false, 'must hold', { expected: 1, observed: 2 }));
    expect(e.expected).toBe('1');
    expect(e.actual).toBe('2');
  });
});
