// Bodies that look odd but are valid (the generators' acceptedOddCases): a conforming host accepts
// them (POST 201, PUT 204) and stores the session without the odd part: unknown members are not
// echoed, read-only members and links sent by the client are not taken over, coerced values are
// stored as their proper type. CONTRACT.md §1.2, §1.6, §6, §9.
// Requirement ids come from each case (requirementFor): SES-POST-ODD-ACCEPTED, SES-PUT-204-UPDATED,
// SES-PUT-BODY-ID-IGNORED.
import {
  acceptedOddCases,
  expectedStatus,
  isAccepted,
  requirementFor,
  unmetNeeds,
  type InvalidRequest,
  type OddCase,
  type Outcome,
  type SessionPayload,
  type WriteMethod,
} from '../generators/index.js';
import { check, describe, ensure, expectProblem, expectStatus, SESSIONS, type CheckContext, type Exchange } from '../src/index.js';

/** Members the session contract knows, at any depth (everything else sent is "odd"). */
const KNOWN = new Set([
  'id', 'sessionName', 'schoolReference', 'schoolId', 'schoolYearTypeReference', 'schoolYear', 'termDescriptor', 'beginDate', 'endDate',
  'totalInstructionalDays', 'gradingPeriods', 'gradingPeriodReference', 'gradingPeriodDescriptor', 'gradingPeriodName', 'academicWeeks',
  'academicWeekReference', 'weekIdentifier', 'link', 'rel', 'href', '_etag', '_lastModifiedDate',
]);

function outcomeFor(c: OddCase, profile: string): Outcome {
  return (profile === 'dms' ? c.expect.dms : profile === 'guidelines' ? c.expect.guidelines : undefined) ?? c.expect['ods-7.3'];
}

async function sendCase(t: CheckContext, method: WriteMethod, path: string, req: InvalidRequest): Promise<Exchange> {
  if (req.json !== undefined && req.contentType === undefined) return t.api.request({ method, path, json: req.json });
  const body = req.json !== undefined ? JSON.stringify(req.json) : (req.body ?? '');
  return t.api.request({ method, path, body, headers: { 'content-type': req.contentType === null ? undefined : (req.contentType ?? 'application/json') } });
}

/** Every member name in a JSON value, at any depth. */
function memberNames(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => memberNames(v, into));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      into.add(k);
      memberNames(v, into);
    }
  }
  return into;
}

/** Reads the item back and proves the odd part of `sent` did not leak and the session is as meant. */
async function expectStoredWithoutOddities(t: CheckContext, id: string, sent: unknown, meant: SessionPayload): Promise<void> {
  const read = await t.step('GET the item back', () => t.sessions.get(id));
  expectStatus(read, 200);
  const body = read.json as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const oddSent = [...memberNames(sent)].filter((k) => !KNOWN.has(k));
  const leaked = oddSent.filter((k) => memberNames(body).has(k));
  ensure(leaked.length === 0, 'members outside the session contract should not be stored or echoed', { expected: 'none of ' + oddSent.join(', '), observed: leaked }, read);
  const s = (sent ?? {}) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  if (s._etag !== undefined) ensure(body._etag !== s._etag, 'a client-sent _etag should be ignored', { expected: `not ${s._etag}`, observed: body._etag }, read);
  if (s._lastModifiedDate !== undefined) {
    ensure(body._lastModifiedDate !== s._lastModifiedDate, 'a client-sent _lastModifiedDate should be ignored', { expected: `not ${s._lastModifiedDate}`, observed: body._lastModifiedDate }, read);
  }
  const sentHref = s.schoolReference?.link?.href;
  if (sentHref !== undefined) ensure(body.schoolReference?.link?.href !== sentHref, 'a client-sent link should be ignored', { expected: `not ${sentHref}`, observed: body.schoolReference?.link }, read);
  const sentDays = s.totalInstructionalDays ?? s.TotalInstructionalDays;
  const observed = { sessionName: body.sessionName, beginDate: body.beginDate, totalInstructionalDays: body.totalInstructionalDays };
  const expected = { sessionName: meant.sessionName, beginDate: meant.beginDate, totalInstructionalDays: Number(sentDays ?? meant.totalInstructionalDays) };
  ensure(JSON.stringify(observed) === JSON.stringify(expected), 'the stored session should hold the values meant, in their proper types', { expected, observed }, read);
}

describe('odd but valid bodies', () => {
  let n = 0;
  for (const method of ['POST', 'PUT'] as const) {
    for (const c of acceptedOddCases.filter((x) => x.applyTo.includes(method))) {
      n += 1;
      check(requirementFor(c, method), `${String(n).padStart(2, '0')} ${method} ${c.id} is handled as the contract says: ${c.reason}`, async (t) => {
        const unmet = unmetNeeds(c, t.refs);
        if (unmet.length) t.skip(unmet.join('; '));
        const outcome = outcomeFor(c, t.target.profile);
        const valid = t.gen.build(t.refs);
        let id: string;
        let meant = valid;
        let req: InvalidRequest;
        let ex: Exchange;
        if (method === 'POST') {
          req = c.build(valid, t.refs);
          ex = await t.step(`POST ${c.id}`, () => sendCase(t, 'POST', SESSIONS, req));
          id = (ex.headers['location'] ?? '').split('/').pop() ?? '';
        } else {
          id = (await t.step('POST a valid session', () => t.sessions.create(valid))).id;
          meant = t.gen.withNonKeyChange(valid);
          req = c.build(meant, t.refs);
          ex = await t.step(`PUT ${c.id}`, () => sendCase(t, 'PUT', `${SESSIONS}/${id}`, req));
        }
        t.recordCase({ id: `${method} ${c.id}`, expected: { status: expectedStatus(outcome, method), type: outcome.type }, observed: { status: ex.status, type: (ex.json as { type?: unknown } | undefined)?.type } });
        if (!isAccepted(outcome)) {
          expectProblem(ex, { status: outcome.status, type: outcome.type || undefined, paths: outcome.paths });
          return;
        }
        expectStatus(ex, expectedStatus(outcome, method));
        await expectStoredWithoutOddities(t, id, req.json, meant);
      });
    }
  }
});
