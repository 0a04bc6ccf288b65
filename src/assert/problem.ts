// Problem-details assertions (RFC 9457 as ODS 7.3 renders it, CONTRACT.md §2). How much of the
// body is compared is not decided here by profile name but by the profile register
// (src/profiles/register.ts): `problem-body` says which members the body must have (ODS, DMS's
// always-present validationErrors/errors, or nothing beyond the status under the guidelines, which
// prescribe status codes, not bodies), `problem-types` whether the `type` URN is compared, and
// `property-name-case` how validationErrors paths are matched. Each entry consulted is recorded on
// the running check (`decidedBy`). `detail` prose is never compared.
import type { Exchange } from '../http/exchange.js';
import { Differences } from '../profiles/register.js';
import type { Profile } from '../requirements/types.js';
import { currentProfile, decided } from '../runtime/profile.js';
import { checkFailure, ensure } from './fail.js';
import { expectStatus } from './status.js';

export interface ProblemExpectation {
  /** The status, or the statuses a profile-register entry allows (e.g. [400, 409]). */
  status: number | readonly number[];
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

/** 'absent', 'null', 'array', 'object' or the typeof: what a member is, without its content. */
function kindOf(value: unknown): string {
  if (value === undefined) return 'absent';
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

export function expectProblem(ex: Exchange, expected: ProblemExpectation): ProblemBody {
  const profile = expected.profile ?? currentProfile();
  expectStatus(ex, typeof expected.status === 'number' ? expected.status : [...expected.status]);
  const rule = decided(Differences.problemBody, profile);
  // The guidelines ask for the status code and its meaning only: whatever body comes with it passes.
  if (rule === 'status-only') return (ex.json && typeof ex.json === 'object' ? ex.json : {}) as ProblemBody;

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
  ensure(typeof body.title === 'string' && typeof body.detail === 'string', 'a problem-details body should carry title and detail strings', {
    expected: 'title: string, detail: string',
    observed: { title: body.title, detail: body.detail },
  }, ex);
  ensure(body.status === ex.status, "the problem's status member should equal the HTTP status", { expected: ex.status, observed: body.status }, ex);
  if (rule === 'dms') {
    // DMS always renders both members, empty when there is nothing to say (CONTRACT.md §2.1, §9).
    ensure(body.validationErrors !== null && typeof body.validationErrors === 'object' && Array.isArray(body.errors),
      // Observed as a shape, not the members' content, so one host behaviour is one cause.
      'a DMS problem body always carries validationErrors {} and errors []', { expected: '{ validationErrors: {…}, errors: […] }', observed: { validationErrors: kindOf(body.validationErrors), errors: kindOf(body.errors) } }, ex);
  }
  if ((expected.type !== undefined || expected.typePrefix !== undefined) && decided(Differences.problemTypes, profile)) {
    if (expected.type !== undefined) {
      ensure(body.type === expected.type, 'the problem type should be exactly the documented URN', { expected: expected.type, observed: body.type }, ex);
    }
    if (expected.typePrefix !== undefined) {
      ensure(typeof body.type === 'string' && (body.type === expected.typePrefix || body.type.startsWith(`${expected.typePrefix}:`)),
        'the problem type should be the documented URN or one of its sub-types', { expected: `${expected.typePrefix}[:…]`, observed: body.type }, ex);
    }
  }
  if (expected.paths?.length) {
    const keys = Object.keys(body.validationErrors ?? {});
    // ODS binds JSON property names case-insensitively, so its paths are compared likewise; DMS is
    // case-sensitive (CONTRACT.md §9).
    const sensitive = decided(Differences.propertyNameCase, profile) === 'sensitive';
    const named = (p: string): boolean => (sensitive ? keys.includes(p) : keys.some((k) => k.toLowerCase() === p.toLowerCase()));
    const missing = expected.paths.filter((p) => !named(p));
    if (missing.length) {
      throw checkFailure('validationErrors should name the offending path(s)', { expected: expected.paths, observed: keys.length ? keys : body }, ex);
    }
  }
  return body;
}
