// Bodies that look odd but are valid (the generators' acceptedOddCases): a conforming host accepts
// them (POST 201, PUT 204) and stores the session without the odd part: unknown members are not
// echoed, read-only members and links sent by the client are not taken over, coerced values are
// stored as their proper type. CONTRACT.md §1.2, §1.6, §6, §9.
// Requirement ids come from each case (requirementFor): SES-POST-ODD-ACCEPTED, SES-PUT-204-UPDATED,
// SES-PUT-BODY-ID-IGNORED.
// Arrange vs assert: the item a PUT goes to is created in set-up, the Location of an accepted POST
// is read in set-up (SES-POST-LOCATION-RESOLVES), and the read-back is a set-up read
// (SES-GETBYID-200-FOUND); the answer to the odd body and what the read-back shows are the check.
import {
  acceptableOutcomes,
  acceptedOddCases,
  comparesBody,
  expectedStatus,
  isAccepted,
  requirementFor,
  sendCase,
  withRouteId,
  type InvalidRequest,
  type OddCase,
  type Outcome,
  type SessionPayload,
  type WriteMethod,
} from '../generators/index.js';
import { check, describe, Differences, ensure, expectProblem, expectStatus, SESSIONS, type CheckContext, type Exchange } from '../src/index.js';
import { decideCaseDifference, recordCaseRow, skipUnmet } from './support/catalogue-cases.js';
import { memberNames, readItem } from './support/representation.js';

/** Members the session contract knows, at any depth (everything else sent is "odd"). */
const KNOWN = new Set([
  'id', 'sessionName', 'schoolReference', 'schoolId', 'schoolYearTypeReference', 'schoolYear', 'termDescriptor', 'beginDate', 'endDate',
  'totalInstructionalDays', 'gradingPeriods', 'gradingPeriodReference', 'gradingPeriodDescriptor', 'gradingPeriodName', 'academicWeeks',
  'academicWeekReference', 'weekIdentifier', 'link', 'rel', 'href', '_etag', '_lastModifiedDate',
]);

/** The case's outcome for this run (own, or ODS's status), or the documented alternative the answer matches. */
function matchedOutcome(t: CheckContext, c: OddCase, method: WriteMethod, ex: Exchange): Outcome {
  decideCaseDifference(t, c);
  const all = acceptableOutcomes(c, t.target.profile);
  return all.find((o) => expectedStatus(o, method) === ex.status) ?? all[0]!;
}

/** The id an accepted POST's Location names: set-up for the read-back, blocked by the Location requirement. */
function locationId(t: CheckContext, ex: Exchange): Promise<string> {
  return t.arrange('take the id from the Location header', () => {
    const location = ex.headers['location'];
    ensure(location, 'a 201 answer to POST should carry a Location header', { expected: 'Location: …/ed-fi/sessions/{id}', observed: ex.headers }, ex);
    const id = new URL(location, ex.request.url).pathname.split('/').filter(Boolean).pop();
    ensure(id, 'the Location header should end with the new resource id', { expected: '…/ed-fi/sessions/{id}', observed: location }, ex);
    return id;
  }, 'SES-POST-LOCATION-RESOLVES');
}

/** Reads the item back and proves the odd part of `sent` did not leak and the session is as meant. */
async function expectStoredWithoutOddities(t: CheckContext, id: string, sent: unknown, meant: SessionPayload): Promise<void> {
  const item = await readItem(t, id, 'read the item back');
  const read = item.exchange;
  const body = item.body as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
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
  for (const method of ['POST', 'PUT'] as const) {
    for (const c of acceptedOddCases.filter((x) => x.applyTo.includes(method))) {
      check(requirementFor(c, method), `${method} ${c.id} is handled as the contract says: ${c.reason}`, async (t) => {
        skipUnmet(t, c);
        const valid = t.gen.build(t.refs);
        let meant = valid;
        let req: InvalidRequest;
        let ex: Exchange;
        let id: string | undefined;
        if (method === 'POST') {
          req = c.build(valid, t.refs);
          ex = await t.step(`POST ${c.id}`, () => sendCase(t.api, 'POST', SESSIONS, req));
        } else {
          id = (await t.sessions.create(valid)).id;
          meant = t.gen.withNonKeyChange(valid);
          // The route id goes into the body unless the case is about the body id (DMS requires it, ODS ignores it).
          req = withRouteId(c.build(meant, t.refs), id);
          ex = await t.step(`PUT ${c.id}`, () => sendCase(t.api, 'PUT', `${SESSIONS}/${encodeURIComponent(id!)}`, req));
        }
        const outcome = matchedOutcome(t, c, method, ex);
        recordCaseRow(t, method, c, outcome, ex);
        if (!isAccepted(outcome)) {
          const body = comparesBody(outcome);
          expectProblem(ex, { status: outcome.status, type: body ? outcome.type || undefined : undefined, paths: body ? outcome.paths : undefined });
          return;
        }
        expectStatus(ex, expectedStatus(outcome, method));
        await expectStoredWithoutOddities(t, id ?? (await locationId(t, ex)), req.json, meant);
      }, { key: c.id });
    }
  }
});
