// Every invalid case of the generators' catalogue, sent by POST and (where it applies) by PUT to an
// item the check created: the status and problem type the case prescribes for the run's profile,
// the validationErrors paths when the case names them, and nothing stored.
// CONTRACT.md §2, §6, §9; seed PostSession 400/409, PutSession 400/409.
// Requirement ids come from each case (requirementFor): SES-POST-400-VALIDATION, SES-POST-409-UNRESOLVED,
// SES-POST-415-MEDIA-TYPE, SES-POST-400-ID-IN-BODY, SES-PUT-400-VALIDATION, SES-PUT-409-UNRESOLVED,
// SES-PUT-415-MEDIA-TYPE.
import {
  expectedStatus,
  invalidSessionCases,
  isAccepted,
  requirementFor,
  unmetNeeds,
  type InvalidCase,
  type InvalidRequest,
  type Outcome,
  type WriteMethod,
} from '../generators/index.js';
import { check, describe, ensure, expectEtag, expectProblem, expectStatus, SESSIONS, type CheckContext, type Exchange } from '../src/index.js';

/** The outcome the case prescribes for this run: the profile's own, else the ODS one. */
function outcomeFor(c: InvalidCase, profile: string): Outcome {
  return (profile === 'dms' ? c.expect.dms : profile === 'guidelines' ? c.expect.guidelines : undefined) ?? c.expect['ods-7.3'];
}

/** The prescribed outcome, or the documented alternative (caveat) that the answer's status matches. */
function matchedOutcome(c: InvalidCase, profile: string, method: WriteMethod, ex: Exchange): Outcome {
  const all = [outcomeFor(c, profile), ...(c.alternatives?.[profile as keyof NonNullable<InvalidCase['alternatives']>] ?? [])];
  return all.find((o) => expectedStatus(o, method) === ex.status) ?? all[0]!;
}

/** Sends the case's request as the case says: JSON, exact text or bytes, the given Content-Type or none. */
async function sendCase(t: CheckContext, method: WriteMethod, path: string, req: InvalidRequest): Promise<Exchange> {
  if (req.json !== undefined && req.contentType === undefined) return t.api.request({ method, path, json: req.json });
  const body = req.json !== undefined ? JSON.stringify(req.json) : (req.body ?? '');
  const contentType = req.contentType === null ? undefined : (req.contentType ?? 'application/json');
  return t.api.request({ method, path, body, headers: { 'content-type': contentType } });
}

/** A refusal is a problem body; a profile may accept what ODS refuses (then only the status counts). */
function expectOutcome(ex: Exchange, outcome: Outcome, method: WriteMethod): void {
  if (isAccepted(outcome)) expectStatus(ex, expectedStatus(outcome, method));
  else if (outcome.status === 403) expectProblem(ex, { status: 403, typePrefix: outcome.type });
  else expectProblem(ex, { status: outcome.status, type: outcome.type || undefined, paths: outcome.paths });
}

function problemType(ex: Exchange): unknown {
  return (ex.json as { type?: unknown } | undefined)?.type;
}

function caseTitle(n: number, method: WriteMethod, c: InvalidCase, outcome: Outcome): string {
  return `${String(n).padStart(2, '0')} ${method} ${c.id} is refused with ${outcome.status}: ${c.reason}`;
}

describe('POST /ed-fi/sessions: invalid bodies', () => {
  invalidSessionCases
    .filter((c) => c.applyTo.includes('POST'))
    .forEach((c, i) => {
      check(requirementFor(c, 'POST'), caseTitle(i + 1, 'POST', c, c.expect['ods-7.3']), async (t) => {
        const unmet = unmetNeeds(c, t.refs);
        if (unmet.length) t.skip(unmet.join('; '));
        const valid = t.gen.build(t.refs);
        const ex = await t.step(`POST ${c.id}`, () => sendCase(t, 'POST', SESSIONS, c.build(valid, t.refs)));
        const outcome = matchedOutcome(c, t.target.profile, 'POST', ex);
        t.recordCase({ id: `POST ${c.id}`, expected: { status: outcome.status, type: outcome.type }, observed: { status: ex.status, type: problemType(ex) } });
        expectOutcome(ex, outcome, 'POST');
        if (isAccepted(outcome)) return;
        const list = await t.step('GET-many by the valid name', () => t.api.get(SESSIONS, { query: { sessionName: valid.sessionName } }));
        expectStatus(list, 200);
        ensure(Array.isArray(list.json) && list.json.length === 0, 'a refused POST should create nothing', { expected: [], observed: list.json }, list);
      });
    });
});

describe('PUT /ed-fi/sessions/{id}: invalid bodies', () => {
  invalidSessionCases
    .filter((c) => c.applyTo.includes('PUT'))
    .forEach((c, i) => {
      check(requirementFor(c, 'PUT'), caseTitle(i + 1, 'PUT', c, c.expect['ods-7.3']), async (t) => {
        const unmet = unmetNeeds(c, t.refs);
        if (unmet.length) t.skip(unmet.join('; '));
        const valid = t.gen.build(t.refs);
        const req = c.build(valid, t.refs);
        const created = await t.step('POST a valid session', () => t.sessions.create(valid));
        const before = await t.step('GET it', () => t.sessions.get(created.id));
        expectStatus(before, 200);
        const etag = expectEtag(before);
        const ex = await t.step(`PUT ${c.id}`, () => sendCase(t, 'PUT', `${SESSIONS}/${created.id}`, req));
        const outcome = matchedOutcome(c, t.target.profile, 'PUT', ex);
        t.recordCase({ id: `PUT ${c.id}`, expected: { status: outcome.status, type: outcome.type }, observed: { status: ex.status, type: problemType(ex) } });
        expectOutcome(ex, outcome, 'PUT');
        if (isAccepted(outcome)) return;
        const after = await t.step('GET it again', () => t.sessions.get(created.id));
        expectStatus(after, 200);
        ensure(expectEtag(after) === etag, 'a refused PUT should leave the item unchanged', { expected: etag, observed: after.headers['etag'] }, after);
      });
    });
});
