// GET /ed-fi/sessions/deletes (CONTRACT.md §1.4, §4, §5). Each check deletes only sessions it
// created, reads the window (newest before, newest after] of its own writes, and looks for its own
// items only: other checks delete in parallel and their items may share the window.
import {
  check, describe, ensure, expectProblem, expectStatus, ProblemType, SESSIONS,
  type CheckContext, type SessionPayload,
} from '../src/index.js';
import type { Query } from './support/isolated-set.js';
import { windowAround, type Window } from './support/change-versions.js';
import {
  expectInclusiveBounds, expectPagingRefused, expectUnauthenticated, expectWindowTotalCount, isKey, keyOf, sameId, trackedIn, type Key,
} from './support/tracked-changes.js';

type Deleted = { id?: unknown; changeVersion?: unknown; keyValues?: Partial<Key> };
const DELETES = `${SESSIONS}/deletes`;

/** Every item of /deletes in a change-version window. */
const deletesIn = (t: CheckContext, window: Query): Promise<Deleted[]> => trackedIn<Deleted>(t, DELETES, window);

/** Creates and deletes one session; returns its payload, id and the window holding the delete. */
async function createAndDelete(t: CheckContext): Promise<{ payload: SessionPayload; id: string; window: Window }> {
  const payload = t.gen.build(t.refs);
  const { id } = await t.sessions.create(payload);
  const window = await windowAround(t, async () => expectStatus(await t.sessions.delete(id), 204));
  return { payload, id, window };
}

/** trackedChanges_edFi_sessionDelete (CONTRACT.md §1.4), for every item of the window. */
function expectDeleteShapes(items: Deleted[]): void {
  const bad = items.filter((i) => typeof i.id !== 'string' || !Number.isSafeInteger(i.changeVersion) || !isKey(i.keyValues));
  ensure(bad.length === 0, 'every /deletes item should have id, an integer changeVersion and keyValues {schoolId, schoolYear, sessionName}', {
    expected: '{ id: string, changeVersion: integer, keyValues: { schoolId, schoolYear, sessionName } }', observed: bad.slice(0, 3),
  });
}

async function findDeleted(t: CheckContext, id: string, window: Query): Promise<Deleted> {
  const items = await t.step('read /deletes in the window of the delete', () => deletesIn(t, window));
  expectDeleteShapes(items);
  const mine = items.filter((i) => sameId(i.id, id));
  ensure(mine.length === 1, 'the deleted session should appear once in /deletes', { expected: `one item with id ${id}`, observed: `${mine.length} of ${items.length} items in ${JSON.stringify(window)}` });
  return mine[0]!;
}

describe('GET /ed-fi/sessions/deletes', () => {
  check('SES-DELETES-200', '01 a deleted session appears with its id, change version and key values', async (t) => {
    const { payload, id, window } = await createAndDelete(t);
    const item = await findDeleted(t, id, window);
    const cv = item.changeVersion;
    ensure(Number.isSafeInteger(cv) && (cv as number) >= window.minChangeVersion && (cv as number) <= window.maxChangeVersion,
      'changeVersion should be an integer inside the window of the delete', { expected: `${window.minChangeVersion}..${window.maxChangeVersion}`, observed: cv });
    const expected = keyOf(payload);
    const kv = item.keyValues ?? {};
    ensure(kv.schoolId === expected.schoolId && kv.schoolYear === expected.schoolYear && kv.sessionName === expected.sessionName,
      'keyValues should hold the natural key of the deleted session', { expected, observed: item.keyValues });
  }, { requires: ['changeQueries', 'writes'] });

  check('SES-DELETES-CV-MIN-MAX', '02 minChangeVersion and maxChangeVersion are inclusive', async (t) => {
    const { id, window } = await createAndDelete(t);
    const cv = (await findDeleted(t, id, window)).changeVersion as number;
    ensure(Number.isSafeInteger(cv), 'changeVersion should be an integer', { expected: 'integer', observed: cv });
    await expectInclusiveBounds(t, DELETES, id, cv, window.minChangeVersion);
  }, { requires: ['changeQueries', 'writes'] });

  check('SES-DELETES-RECREATED', '03 a deleted session created again leaves /deletes', async (t) => {
    const { payload, id, window } = await createAndDelete(t);
    await findDeleted(t, id, window);
    await t.step('POST the same natural key again', () => t.sessions.create(payload));
    const items = await t.step('read the same window again', () => deletesIn(t, { minChangeVersion: window.minChangeVersion }));
    const key = keyOf(payload);
    const left = items.filter((i) => sameId(i.id, id) || (i.keyValues?.sessionName === key.sessionName && i.keyValues?.schoolId === key.schoolId));
    ensure(left.length === 0, 'a natural key that exists again should not be reported as deleted', { expected: 'absent', observed: left });
  }, { requires: ['changeQueries', 'writes'] });

  check('SES-DELETES-TOTAL-COUNT', '04 Total-Count counts the items of the window', async (t) => {
    const deleted = [await createAndDelete(t), await createAndDelete(t), await createAndDelete(t)];
    const window = { minChangeVersion: deleted[0]!.window.minChangeVersion, maxChangeVersion: deleted[2]!.window.maxChangeVersion };
    await expectWindowTotalCount(t, DELETES, window, deleted.map((d) => d.id), 'deletes');
  }, { requires: ['changeQueries', 'writes'] });

  check('SES-DELETES-400-PAGING', '05 a negative limit or offset is refused', async (t) => {
    await expectPagingRefused(t, DELETES);
  }, { requires: ['changeQueries'] });

  check('SES-DELETES-401-UNAUTHENTICATED', '06 a missing or unknown access token is refused with 401 on /deletes', async (t) => {
    await expectUnauthenticated(t, DELETES, 'd');
  }, { requires: ['changeQueries'] });

  check('SES-DELETES-403-NO-CLAIM', '07 a client without a sessions claim is refused with 403', async (t) => {
    expectProblem(await t.as('noSessionsClaim').get(DELETES), { status: 403, typePrefix: ProblemType.authorization });
  }, { requires: ['changeQueries', 'noSessionsClaim'] });

  check('SES-CQ-DISABLED-DELETES', '08 with change queries disabled /deletes answers 404 feature-disabled', async (t) => {
    const off = t.secondary('changeQueriesDisabled');
    expectProblem(await off.api.get(DELETES), { status: 404, type: ProblemType.featureDisabled });
  }, { requires: ['changeQueriesDisabledTarget'] });

  check('SES-DELETES-SAME-KEY-TWICE', '09 one natural key deleted twice gives two items with distinct ids', async (t) => {
    const first = await createAndDelete(t);
    const { id: secondId } = await t.step('create the same natural key again', () => t.sessions.create(first.payload));
    ensure(!sameId(secondId, first.id), 'the re-created session should get a new id', { expected: `not ${first.id}`, observed: secondId });
    expectStatus(await t.step('delete it again', () => t.sessions.delete(secondId)), 204);
    const items = await t.step('read /deletes since the first delete', () => deletesIn(t, { minChangeVersion: first.window.minChangeVersion }));
    const key = keyOf(first.payload);
    const mine = items.filter((i) => i.keyValues?.sessionName === key.sessionName && i.keyValues?.schoolId === key.schoolId && i.keyValues?.schoolYear === key.schoolYear);
    const ids = mine.map((i) => String(i.id));
    ensure(mine.length === 2 && ids.some((i) => sameId(i, first.id)) && ids.some((i) => sameId(i, secondId)),
      'both deletes of the natural key should be listed, each with its own id', { expected: [first.id, secondId], observed: mine });
  }, { requires: ['changeQueries', 'writes'] });
});
