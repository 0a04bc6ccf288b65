// Problem-details assertions (RFC 9457 as ODS 7.3 renders it, CONTRACT.md §2). What is compared
// depends on the profile: ods-7.3 and dms compare the `type` URN exactly; guidelines only asks for
// the status and a problem-shaped body. `detail` prose is never compared.
import type { Exchange } from '../http/exchange.js';
import type { Profile } from '../requirements/types.js';
import { currentProfile } from '../runtime/profile.js';
import { checkFailure, ensure } from './fail.js';
import { expectStatus } from './status.js';

export interface ProblemExpectation {
  status: number;
  /** Exact `type` URN, e.g. 'urn:ed-fi:api:bad-request:data-validation-failed'. */
  type?: string;
  /** Accept any `type` that starts with this (403 types carry optional sub-parts). */
  typePrefix?: string;
  /** JSONPath keys that must be among `validationErrors`' keys, e.g. ['$.beginDate']. */
  paths?: string[];
  /** Override the run's profile for this assertion. */
  profile?: Profile;
}

export interface ProblemBody {
  type?: unknown;
  title?: unknown;
  status?: unknown;
  detail?: unknown;
  correlationId?: unknown;
  validationErrors?: Record<string, unknown>;
  errors?: unknown;
}

export function expectProblem(ex: Exchange, expected: ProblemExpectation): ProblemBody {
  const profile = expected.profile ?? currentProfile();
  expectStatus(ex, expected.status);
  const contentType = ex.headers['content-type'] ?? '';
  ensure(/application\/(problem\+)?json/i.test(contentType), 'an error answer should be JSON (application/json or application/problem+json)', {
    expected: 'application/json | application/problem+json',
    observed: contentType || '(no content-type)',
  }, ex);
  const body = ex.json as ProblemBody | undefined;
  ensure(body !== null && typeof body === 'object' && !Array.isArray(body), 'an error answer should carry a problem-details object', {
    expected: '{ type, title, status, detail, … }',
    observed: ex.text || '(empty body)',
  }, ex);

  const hasText = typeof body.title === 'string' || typeof body.detail === 'string';
  ensure(hasText, 'a problem-details body should say what went wrong (title or detail)', { expected: 'title and detail strings', observed: body }, ex);
  if (body.status !== undefined || profile !== 'guidelines') {
    ensure(body.status === ex.status, "the problem's status member should equal the HTTP status", { expected: ex.status, observed: body.status }, ex);
  }
  if (profile === 'guidelines') return body;

  ensure(typeof body.title === 'string' && typeof body.detail === 'string', 'a problem-details body should carry title and detail strings', {
    expected: 'title: string, detail: string',
    observed: { title: body.title, detail: body.detail },
  }, ex);
  if (profile === 'dms') {
    // DMS always renders both members, empty when there is nothing to say (CONTRACT.md §2.1, §9).
    ensure(body.validationErrors !== null && typeof body.validationErrors === 'object' && Array.isArray(body.errors),
      'a DMS problem body always carries validationErrors {} and errors []', { expected: '{ validationErrors: {…}, errors: […] }', observed: { validationErrors: body.validationErrors, errors: body.errors } }, ex);
  }
  if (expected.type !== undefined) {
    ensure(body.type === expected.type, 'the problem type should be exactly the documented URN', { expected: expected.type, observed: body.type }, ex);
  }
  if (expected.typePrefix !== undefined) {
    ensure(typeof body.type === 'string' && (body.type === expected.typePrefix || body.type.startsWith(`${expected.typePrefix}:`)),
      'the problem type should be the documented URN or one of its sub-types', { expected: `${expected.typePrefix}[:…]`, observed: body.type }, ex);
  }
  if (expected.paths?.length) {
    const keys = Object.keys(body.validationErrors ?? {});
    const lowered = keys.map((k) => k.toLowerCase());
    // JSON property names are case-insensitive in ODS (CONTRACT.md §9), so compare paths likewise there.
    const missing = expected.paths.filter((p) => (profile === 'dms' ? !keys.includes(p) : !lowered.includes(p.toLowerCase())));
    if (missing.length) {
      throw checkFailure('validationErrors should name the offending path(s)', { expected: expected.paths, observed: keys.length ? keys : body }, ex);
    }
  }
  return body;
}
