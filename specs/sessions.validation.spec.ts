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
// The refused PUT cases share one item (it is what they stand on; a refusal leaves it as it was);
// when it does not read as before afterwards, the case is run again on an item of its own, so a
// host that stored one case's PUT fails that case only.
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
  type SessionPayload,
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
import { expectUnchanged, readItem, representationOf, type ItemState } from './support/representation.js';
import { SESSIONS_RESOURCE } from './support/resources.js';
import { sharedInRun } from './support/shared-parents.js';

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

/** The item a refused PUT goes to, the body it was created from and how it read before. */
interface PutTarget {
  id: string;
  valid: SessionPayload;
  before: ItemState;
}

/** An item of the check's own, as every PUT case had before they shared one. */
async function ownPutTarget(t: CheckContext): Promise<PutTarget> {
  const valid = t.gen.build(t.refs);
  const created = await t.sessions.create(valid);
  return { id: created.id, valid, before: await readItem(t, created.id, 'read the item before the PUT') };
}

/**
 * The item the refused PUT cases of this run share (specs/support/shared-parents.ts): a refused
 * PUT leaves it as it was, so one item serves them all (a create, a read and a delete fewer per
 * case). A case some profile accepts would change it, so it gets an item of its own; so does
 * every case when the shared item could not be made (its maker is blocked as before).
 */
async function putTargetFor(t: CheckContext, c: InvalidCase): Promise<{ target: PutTarget; shared: boolean }> {
  if (!acceptableOutcomes(c, t.target.profile).some(isAccepted)) {
    const target = await sharedInRun(t, 'sessions: refused PUT target', async () => {
      const valid = t.gen.build(t.refs);
      const created = await t.sessions.create(valid);
      t.ledger.keepForSweep(created.id);
      return { id: created.id, valid, before: await readItem(t, created.id, 'read the shared item before the PUTs') };
    });
    if (target) return { target, shared: true };
  }
  return { target: await ownPutTarget(t), shared: false };
}

/**
 * One refused PUT case against `target`. On the shared item an answer other than "200, as it was
 * before" afterwards may be another check's doing (a host that stored that check's PUT), so it
 * returns false without a verdict and the caller runs the case again on an item of its own, where
 * the set-up reads and the comparison are exactly the unshared check's.
 */
async function refusedPut(t: CheckContext, c: InvalidCase, target: PutTarget, shared: boolean): Promise<boolean> {
  const req = withRouteId(c.build(target.valid, t.refs), target.id);
  const ex = await t.step(`PUT ${c.id}${shared ? ' (to the shared item)' : ''}`, () => sendCase(t.api, 'PUT', `${SESSIONS}/${encodeURIComponent(target.id)}`, req));
  const outcome = matchedOutcome(t, c, 'PUT', ex);
  let again = false;
  try {
    expectOutcome(t, ex, outcome, 'PUT');
    if (isAccepted(outcome)) return true;
    if (shared) {
      const read = await t.step('read the shared item after the PUT', () => t.resource(SESSIONS_RESOURCE.name).get(target.id));
      again = read.status !== 200 || representationOf(read.json) !== target.before.representation;
      return !again;
    }
    const after = await readItem(t, target.id, 'read the item after the PUT');
    expectUnchanged(target.before, after, 'a refused PUT should leave the item unchanged');
    return true;
  } finally {
    // The matrix row is the case's final answer: none for an attempt that is made again.
    if (!again) recordCaseRow(t, 'PUT', c, outcome, ex, statusesOf(t, outcome, 'PUT'));
  }
}

describe('PUT /ed-fi/sessions/{id}: invalid bodies', () => {
  for (const c of invalidSessionCases.filter((x) => x.applyTo.includes('PUT'))) {
    check(requirementFor(c, 'PUT'), `PUT ${c.id} is refused: ${c.reason}`, async (t) => {
      skipUnmet(t, c);
      const { target, shared } = await putTargetFor(t, c);
      if (await refusedPut(t, c, target, shared)) return;
      await refusedPut(t, c, await ownPutTarget(t), false);
    }, { key: c.id });
  }
});
