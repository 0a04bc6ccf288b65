// Every invalid case of the generators' catalogue, sent by POST and (where it applies) by PUT to an
// item the check created: the status and problem type the case prescribes for the run's profile,
// the validationErrors paths when the case names them, and nothing stored.
// CONTRACT.md §2, §6, §9; seed PostSession 400/409, PutSession 400/409.
// Requirement ids come from each case (requirementFor): SES-POST-400-VALIDATION, SES-POST-409-UNRESOLVED,
// SES-POST-415-MEDIA-TYPE, SES-POST-400-ID-IN-BODY, SES-PUT-400-VALIDATION, SES-PUT-409-UNRESOLVED,
// SES-PUT-415-MEDIA-TYPE.
// Arrange vs assert: creating the item a PUT goes to and reading it before and after are set-up
// (blocked by SES-POST-201-CREATED / SES-GETBYID-200-FOUND); the list that shows a refused POST
// stored nothing is set-up too (SES-GET-200-LIST). The refusal and "nothing changed" are the check.
import {
  acceptableOutcomes,
  comparesBody,
  expectedStatus,
  invalidSessionCases,
  isAccepted,
  requirementFor,
  sendCase,
  withRouteId,
  type InvalidCase,
  type Outcome,
  type WriteMethod,
} from '../generators/index.js';
import {
  check,
  describe,
  Differences,
  ensure,
  expectProblem,
  expectStatus,
  ProblemType,
  SESSIONS,
  type CheckContext,
  type Exchange,
} from '../src/index.js';
import { decideCaseDifference, recordCaseRow, skipUnmet } from './support/catalogue-cases.js';
import { expectUnchanged, readItem } from './support/representation.js';

/** The statuses an outcome allows here: the register widens an unresolved reference's 409 where a profile says so. */
function statusesOf(t: CheckContext, outcome: Outcome, method: WriteMethod): readonly number[] {
  if (!isAccepted(outcome) && outcome.type === ProblemType.unresolvedReference) return t.decide(Differences.unresolvedReference);
  return [expectedStatus(outcome, method)];
}

/** The case's outcome for this run (own, or ODS's status), or the documented alternative the answer matches. */
function matchedOutcome(t: CheckContext, c: InvalidCase, method: WriteMethod, ex: Exchange): Outcome {
  decideCaseDifference(t, c);
  const all = acceptableOutcomes(c, t.target.profile);
  return all.find((o) => statusesOf(t, o, method).includes(ex.status)) ?? all[0]!;
}

/** A refusal is a problem body; a profile may accept what ODS refuses (then only the status counts). */
function expectOutcome(t: CheckContext, ex: Exchange, outcome: Outcome, method: WriteMethod): void {
  const statuses = statusesOf(t, outcome, method);
  if (isAccepted(outcome)) return void expectStatus(ex, [...statuses]);
  const body = comparesBody(outcome);
  if (outcome.status === 403) expectProblem(ex, { status: 403, typePrefix: body ? outcome.type : undefined });
  else expectProblem(ex, { status: statuses, type: body ? outcome.type || undefined : undefined, paths: body ? outcome.paths : undefined });
}

describe('POST /ed-fi/sessions: invalid bodies', () => {
  for (const c of invalidSessionCases.filter((x) => x.applyTo.includes('POST'))) {
    check(requirementFor(c, 'POST'), `POST ${c.id} is refused: ${c.reason}`, async (t) => {
      skipUnmet(t, c);
      const valid = t.gen.build(t.refs);
      const ex = await t.step(`POST ${c.id}`, () => sendCase(t.api, 'POST', SESSIONS, c.build(valid, t.refs)));
      const outcome = matchedOutcome(t, c, 'POST', ex);
      recordCaseRow(t, 'POST', c, outcome, ex, statusesOf(t, outcome, 'POST'));
      expectOutcome(t, ex, outcome, 'POST');
      if (isAccepted(outcome)) return;
      // The list is filtered by the (non-reference) session name and again here, so a host that
      // ignores the filter still gives a true answer; no limit, so no paging rule is relied on.
      const list = await t.arrange('list sessions with the valid name', async () => {
        const got = await t.api.get(SESSIONS, { query: { sessionName: valid.sessionName } });
        expectStatus(got, 200);
        ensure(Array.isArray(got.json), 'GET-many should answer a JSON array', { expected: '[…]', observed: got.text }, got);
        return { exchange: got, items: (got.json as Array<{ sessionName?: unknown }>).filter((s) => s.sessionName === valid.sessionName) };
      }, 'SES-GET-200-LIST');
      ensure(list.items.length === 0, 'a refused POST should create nothing', { expected: [], observed: list.items }, list.exchange);
    }, { key: c.id });
  }
});

describe('PUT /ed-fi/sessions/{id}: invalid bodies', () => {
  for (const c of invalidSessionCases.filter((x) => x.applyTo.includes('PUT'))) {
    check(requirementFor(c, 'PUT'), `PUT ${c.id} is refused: ${c.reason}`, async (t) => {
      skipUnmet(t, c);
      const valid = t.gen.build(t.refs);
      const created = await t.sessions.create(valid);
      const before = await readItem(t, created.id, 'read the item before the PUT');
      // The route id goes into a JSON object body (DMS requires it, ODS ignores it), so the case tests its own rule.
      const req = withRouteId(c.build(valid, t.refs), created.id);
      const ex = await t.step(`PUT ${c.id}`, () => sendCase(t.api, 'PUT', `${SESSIONS}/${encodeURIComponent(created.id)}`, req));
      const outcome = matchedOutcome(t, c, 'PUT', ex);
      recordCaseRow(t, 'PUT', c, outcome, ex, statusesOf(t, outcome, 'PUT'));
      expectOutcome(t, ex, outcome, 'PUT');
      if (isAccepted(outcome)) return;
      const after = await readItem(t, created.id, 'read the item after the PUT');
      expectUnchanged(before, after, 'a refused PUT should leave the item unchanged');
    }, { key: c.id });
  }
});
