// GET /ed-fi/sessions/keyChanges (CONTRACT.md §1.4, §5): a PUT that changes sessionName (part of
// the natural key) is tracked with the old and new keys. Each check renames only sessions it
// created, reads the window (newest before, newest after] of its own writes and looks for its own
// ids only.
import {
  check, describe, ensure, expectProblem, expectStatus, totalCount, ProblemType, SESSIONS,
  type CheckContext, type Exchange, type SessionPayload,
} from '../src/index.js';

type Query = Record<string, string | number | boolean>;
type Key = { schoolId: number; schoolYear: number; sessionName: string };
type KeyChange = { id?: unknown; changeVersion?: unknown; oldKeyValues?: Partial<Key>; newKeyValues?: Partial<Key> };
type Window = { minChangeVersion: number; maxChangeVersion: number };
const KEY_CHANGES = `${SESSIONS}/keyChanges`;

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
const sameKey = (a: Partial<Key> | undefined, b: Key): boolean => !!a && a.schoolId === b.schoolId && a.schoolYear === b.schoolYear && a.sessionName === b.sessionName;

async function keyChangesPage(t: CheckContext, query: Query): Promise<{ ex: Exchange; items: KeyChange[] }> {
  const ex = await t.api.get(KEY_CHANGES, { query });
  expectStatus(ex, 200);
  ensure(Array.isArray(ex.json), '/keyChanges should answer a JSON array', { expected: '[…]', observed: ex.text }, ex);
  return { ex, items: ex.json as KeyChange[] };
}

async function keyChangesIn(t: CheckContext, window: Query): Promise<KeyChange[]> {
  const all: KeyChange[] = [];
  for (let offset = 0; offset < 10 * 500; offset += 500) {
    const { items } = await keyChangesPage(t, { ...window, limit: 500, offset });
    all.push(...items);
    if (items.length < 500) break;
  }
  return all;
}

/** Creates a session, then renames it `renames` times; returns every key in order and the window. */
async function createAndRename(t: CheckContext, renames = 1): Promise<{ id: string; keys: Key[]; window: Window }> {
  let payload = t.gen.build(t.refs);
  const { id } = await t.sessions.create(payload);
  const keys = [keyOf(payload)];
  const before = await newest(t);
  for (let i = 0; i < renames; i++) {
    payload = t.gen.withKeyChange(payload);
    expectStatus(await t.sessions.update(id, payload), 204, 'a key change of a session');
    keys.push(keyOf(payload));
  }
  const after = await newest(t);
  return { id, keys, window: { minChangeVersion: before + 1, maxChangeVersion: after } };
}

const isKey = (k: unknown): boolean => {
  const v = k as Partial<Key> | undefined;
  return !!v && typeof v === 'object' && Number.isSafeInteger(v.schoolId) && Number.isSafeInteger(v.schoolYear) && typeof v.sessionName === 'string';
};

async function mineIn(t: CheckContext, id: string, window: Query): Promise<KeyChange[]> {
  const items = await t.step('read /keyChanges in the window of the rename', () => keyChangesIn(t, window));
  const bad = items.filter((i) => typeof i.id !== 'string' || !Number.isSafeInteger(i.changeVersion) || !isKey(i.oldKeyValues) || !isKey(i.newKeyValues));
  ensure(bad.length === 0, 'every /keyChanges item should have id, an integer changeVersion, oldKeyValues and newKeyValues', {
    expected: '{ id, changeVersion: integer, oldKeyValues: { schoolId, schoolYear, sessionName }, newKeyValues: { … } }', observed: bad.slice(0, 3),
  });
  return items.filter((i) => sameId(i.id, id));
}

describe('GET /ed-fi/sessions/keyChanges', () => {
  check('SES-KEYCHG-200', '01 a key change appears with the old and the new key', async (t) => {
    const { id, keys, window } = await createAndRename(t);
    const mine = await mineIn(t, id, window);
    ensure(mine.length === 1, 'the key change should appear once', { expected: `one item with id ${id}`, observed: mine });
    const item = mine[0]!;
    const cv = item.changeVersion;
    ensure(Number.isSafeInteger(cv) && (cv as number) >= window.minChangeVersion && (cv as number) <= window.maxChangeVersion,
      'changeVersion should be an integer inside the window of the rename', { expected: `${window.minChangeVersion}..${window.maxChangeVersion}`, observed: cv });
    ensure(sameKey(item.oldKeyValues, keys[0]!), 'oldKeyValues should hold the key before the change', { expected: keys[0], observed: item.oldKeyValues });
    ensure(sameKey(item.newKeyValues, keys[1]!), 'newKeyValues should hold the key after the change', { expected: keys[1], observed: item.newKeyValues });
  }, { requires: ['changeQueries', 'writes'] });

  check('SES-KEYCHG-CV-MIN-MAX', '02 minChangeVersion and maxChangeVersion are inclusive', async (t) => {
    const { id, window } = await createAndRename(t);
    const [item] = await mineIn(t, id, window);
    const cv = item?.changeVersion as number;
    ensure(Number.isSafeInteger(cv), 'the key change should be listed with an integer changeVersion', { expected: 'integer', observed: item ?? '(absent)' });
    const cases: Array<[Query, boolean, string]> = [
      [{ minChangeVersion: cv }, true, 'minChangeVersion equal to the item version includes it'],
      [{ minChangeVersion: cv + 1 }, false, 'minChangeVersion above the item version excludes it'],
      [{ minChangeVersion: window.minChangeVersion, maxChangeVersion: cv }, true, 'maxChangeVersion equal to the item version includes it'],
      [{ minChangeVersion: window.minChangeVersion, maxChangeVersion: cv - 1 }, false, 'maxChangeVersion below the item version excludes it'],
    ];
    for (const [query, expected, what] of cases) {
      const present = (await t.step(what, () => keyChangesIn(t, query))).some((i) => sameId(i.id, id));
      ensure(present === expected, what, { expected: `${expected ? 'present' : 'absent'} with ${JSON.stringify(query)}`, observed: present ? 'present' : 'absent' });
    }
  }, { requires: ['changeQueries', 'writes'] });

  check('SES-KEYCHG-COLLAPSE', '03 two key changes of one session collapse into one item', async (t) => {
    const { id, keys, window } = await createAndRename(t, 2);
    const mine = await mineIn(t, id, window);
    ensure(mine.length === 1, 'two key changes inside the window should give one item', { expected: 1, observed: mine });
    ensure(sameKey(mine[0]!.oldKeyValues, keys[0]!), 'oldKeyValues should be the earliest key', { expected: keys[0], observed: mine[0]!.oldKeyValues });
    ensure(sameKey(mine[0]!.newKeyValues, keys[2]!), 'newKeyValues should be the latest key', { expected: keys[2], observed: mine[0]!.newKeyValues });
  }, { requires: ['changeQueries', 'writes'] });

  check('SES-KEYCHG-TOTAL-COUNT', '04 Total-Count counts the items of the window', async (t) => {
    const renamed = [await createAndRename(t), await createAndRename(t), await createAndRename(t)];
    const window = { minChangeVersion: renamed[0]!.window.minChangeVersion, maxChangeVersion: renamed[2]!.window.maxChangeVersion };
    const whole = await t.step('totalCount=true, limit=500', () => keyChangesPage(t, { ...window, totalCount: true, limit: 500 }));
    const mine = whole.items.filter((i) => renamed.some((r) => sameId(i.id, r.id)));
    ensure(mine.length === 3, 'the window should hold the three key changes of this check', { expected: 3, observed: mine.length }, whole.ex);
    if (whole.items.length < 500) {
      ensure(totalCount(whole.ex) === whole.items.length, 'Total-Count should equal the number of items in the window', { expected: whole.items.length, observed: totalCount(whole.ex) ?? '(no Total-Count header)' }, whole.ex);
    }
    const one = await t.step('totalCount=true, limit=1', () => keyChangesPage(t, { ...window, totalCount: true, limit: 1 }));
    const count = totalCount(one.ex);
    ensure(count !== undefined && count >= 3, 'Total-Count should count the window, not the page', { expected: '>= 3', observed: count ?? '(no Total-Count header)' }, one.ex);
  }, { requires: ['changeQueries', 'writes'] });

  check('SES-KEYCHG-400-PAGING', '05 a negative limit or offset is refused', async (t) => {
    for (const [query, pattern] of [[{ limit: -1 }, /limit/i], [{ offset: -1 }, /offset/i]] as const) {
      const ex = await t.step(JSON.stringify(query), () => t.api.get(KEY_CHANGES, { query }));
      const body = expectProblem(ex, { status: 400, type: ProblemType.parameterValidationFailed });
      if (t.target.profile !== 'guidelines') {
        ensure(pattern.test(JSON.stringify(body.errors ?? body.detail)), 'the problem should name the bad parameter', { expected: `errors matching ${pattern}`, observed: body.errors ?? body.detail }, ex);
      }
    }
  }, { requires: ['changeQueries'] });

  check('SES-KEYCHG-401-UNAUTHENTICATED', '06 a missing or unknown access token is refused with 401 on /keyChanges', async (t) => {
    expectProblem(await t.anonymous.get(KEY_CHANGES), { status: 401, type: ProblemType.authentication });
    const bogus = `Bearer ${'c'.repeat(24)}${t.seed.toString(16).padStart(8, '0').slice(-8)}`;
    expectProblem(await t.anonymous.get(KEY_CHANGES, { headers: { authorization: bogus } }), { status: 401, type: ProblemType.authentication });
  }, { requires: ['changeQueries'] });

  check('SES-KEYCHG-403-NO-CLAIM', '07 a client without a sessions claim is refused with 403', async (t) => {
    expectProblem(await t.as('noSessionsClaim').get(KEY_CHANGES), { status: 403, typePrefix: ProblemType.authorization });
  }, { requires: ['changeQueries', 'noSessionsClaim'] });

  check('SES-CQ-DISABLED-KEYCHG', '08 with change queries disabled /keyChanges answers 404 feature-disabled', async (t) => {
    const off = t.secondary('changeQueriesDisabled');
    expectProblem(await off.api.get(KEY_CHANGES), { status: 404, type: ProblemType.featureDisabled });
  }, { requires: ['changeQueriesDisabledTarget'] });
});
