// GET /ed-fi/sessions/deletes (CONTRACT.md §1.4, §4, §5). Each check deletes only sessions it
// created, reads the window (newest before, newest after] of its own writes, and looks for its own
// items only: other checks delete in parallel and their items may share the window.
import {
  check, describe, ensure, expectProblem, expectStatus, totalCount, ProblemType, SESSIONS,
  type CheckContext, type Exchange, type SessionPayload,
} from '../src/index.js';

type Query = Record<string, string | number | boolean>;
type Key = { schoolId: number; schoolYear: number; sessionName: string };
type Deleted = { id?: unknown; changeVersion?: unknown; keyValues?: Partial<Key> };
const DELETES = `${SESSIONS}/deletes`;

async function newest(t: CheckContext): Promise<number> {
  const url = t.target.urls.availableChangeVersions;
  if (!url) t.skip('the target publishes no availableChangeVersions URL');
  const ex = await t.api.get(url);
  expectStatus(ex, 200);
  const v = (ex.json as { newestChangeVersion?: unknown } | undefined)?.newestChangeVersion;
  ensure(Number.isSafeInteger(v), 'newestChangeVersion should be an integer', { expected: 'integer', observed: ex.text }, ex);
  return v as number;
}

const sameId = (a: unknown, b: string): boolean => typeof a === 'string' && a.replace(/-/g, '').toLowerCase() === b.replace(/-/g, '').toLowerCase();
const keyOf = (p: SessionPayload): Key => ({ schoolId: p.schoolReference.schoolId, schoolYear: p.schoolYearTypeReference.schoolYear, sessionName: p.sessionName });

/** One page of /deletes; asserts 200 and an array. */
async function deletesPage(t: CheckContext, query: Query): Promise<{ ex: Exchange; items: Deleted[] }> {
  const ex = await t.api.get(DELETES, { query });
  expectStatus(ex, 200);
  ensure(Array.isArray(ex.json), '/deletes should answer a JSON array', { expected: '[…]', observed: ex.text }, ex);
  return { ex, items: ex.json as Deleted[] };
}

/** Every item of a change-version window, 500 at a time. */
async function deletesIn(t: CheckContext, window: Query): Promise<Deleted[]> {
  const all: Deleted[] = [];
  for (let offset = 0; offset < 10 * 500; offset += 500) {
    const { items } = await deletesPage(t, { ...window, limit: 500, offset });
    all.push(...items);
    if (items.length < 500) break;
  }
  return all;
}

/** Creates and deletes one session; returns its payload, id and the window holding the delete. */
async function createAndDelete(t: CheckContext): Promise<{ payload: SessionPayload; id: string; window: { minChangeVersion: number; maxChangeVersion: number } }> {
  const payload = t.gen.build(t.refs);
  const { id } = await t.sessions.create(payload);
  const before = await newest(t);
  expectStatus(await t.sessions.delete(id), 204);
  const after = await newest(t);
  return { payload, id, window: { minChangeVersion: before + 1, maxChangeVersion: after } };
}

const isKey = (k: unknown): boolean => {
  const v = k as Partial<Key> | undefined;
  return !!v && typeof v === 'object' && Number.isSafeInteger(v.schoolId) && Number.isSafeInteger(v.schoolYear) && typeof v.sessionName === 'string';
};

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
    const cases: Array<[Query, boolean, string]> = [
      [{ minChangeVersion: cv }, true, 'minChangeVersion equal to the item version includes it'],
      [{ minChangeVersion: cv + 1 }, false, 'minChangeVersion above the item version excludes it'],
      [{ minChangeVersion: window.minChangeVersion, maxChangeVersion: cv }, true, 'maxChangeVersion equal to the item version includes it'],
      [{ minChangeVersion: window.minChangeVersion, maxChangeVersion: cv - 1 }, false, 'maxChangeVersion below the item version excludes it'],
    ];
    for (const [query, expected, what] of cases) {
      const items = await t.step(what, () => deletesIn(t, query));
      const present = items.some((i) => sameId(i.id, id));
      ensure(present === expected, what, { expected: `${expected ? 'present' : 'absent'} with ${JSON.stringify(query)}`, observed: present ? 'present' : 'absent' });
    }
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
    const whole = await t.step('totalCount=true, limit=500', () => deletesPage(t, { ...window, totalCount: true, limit: 500 }));
    const mine = whole.items.filter((i) => deleted.some((d) => sameId(i.id, d.id)));
    ensure(mine.length === 3, 'the window should hold the three deletes of this check', { expected: 3, observed: mine.length }, whole.ex);
    if (whole.items.length < 500) {
      ensure(totalCount(whole.ex) === whole.items.length, 'Total-Count should equal the number of items in the window', { expected: whole.items.length, observed: totalCount(whole.ex) ?? '(no Total-Count header)' }, whole.ex);
    }
    const one = await t.step('totalCount=true, limit=1', () => deletesPage(t, { ...window, totalCount: true, limit: 1 }));
    const count = totalCount(one.ex);
    ensure(count !== undefined && count >= 3, 'Total-Count should count the window, not the page', { expected: '>= 3', observed: count ?? '(no Total-Count header)' }, one.ex);
  }, { requires: ['changeQueries', 'writes'] });

  check('SES-DELETES-400-PAGING', '05 a negative limit or offset is refused', async (t) => {
    for (const [query, pattern] of [[{ limit: -1 }, /limit/i], [{ offset: -1 }, /offset/i]] as const) {
      const ex = await t.step(JSON.stringify(query), () => t.api.get(DELETES, { query }));
      const body = expectProblem(ex, { status: 400, type: ProblemType.parameterValidationFailed });
      if (t.target.profile !== 'guidelines') {
        ensure(pattern.test(JSON.stringify(body.errors ?? body.detail)), 'the problem should name the bad parameter', { expected: `errors matching ${pattern}`, observed: body.errors ?? body.detail }, ex);
      }
    }
  }, { requires: ['changeQueries'] });

  check('SES-DELETES-401-UNAUTHENTICATED', '06 a missing or unknown access token is refused with 401 on /deletes', async (t) => {
    expectProblem(await t.anonymous.get(DELETES), { status: 401, type: ProblemType.authentication });
    const bogus = `Bearer ${'d'.repeat(24)}${t.seed.toString(16).padStart(8, '0').slice(-8)}`;
    expectProblem(await t.anonymous.get(DELETES, { headers: { authorization: bogus } }), { status: 401, type: ProblemType.authentication });
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
