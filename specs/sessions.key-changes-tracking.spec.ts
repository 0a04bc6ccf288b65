// GET /ed-fi/sessions/keyChanges (CONTRACT.md §1.4, §5): a PUT that changes sessionName (part of
// the natural key) is tracked with the old and new keys. Each check renames only sessions it
// created, reads the window (newest before, newest after] of its own writes and looks for its own
// ids only.
import {
  check, describe, ensure, expectProblem, expectStatus, ProblemType, SESSIONS,
  type CheckContext,
} from '../src/index.js';
import type { Query } from './support/isolated-set.js';
import { windowAround, type Window } from './support/change-versions.js';
import {
  expectInclusiveBounds, expectPagingRefused, expectUnauthenticated, expectWindowTotalCount, isKey, keyOf, sameId, trackedIn, type Key,
} from './support/tracked-changes.js';

type KeyChange = { id?: unknown; changeVersion?: unknown; oldKeyValues?: Partial<Key>; newKeyValues?: Partial<Key> };
const KEY_CHANGES = `${SESSIONS}/keyChanges`;

const sameKey = (a: Partial<Key> | undefined, b: Key): boolean => !!a && a.schoolId === b.schoolId && a.schoolYear === b.schoolYear && a.sessionName === b.sessionName;

/** Every item of /keyChanges in a change-version window. */
const keyChangesIn = (t: CheckContext, window: Query): Promise<KeyChange[]> => trackedIn<KeyChange>(t, KEY_CHANGES, window);

/** Creates a session, then renames it `renames` times; returns every key in order and the window. */
async function createAndRename(t: CheckContext, renames = 1): Promise<{ id: string; keys: Key[]; window: Window }> {
  let payload = t.gen.build(t.refs);
  const { id } = await t.sessions.create(payload);
  const keys = [keyOf(payload)];
  const window = await windowAround(t, async () => {
    for (let i = 0; i < renames; i++) {
      payload = t.gen.withKeyChange(payload);
      expectStatus(await t.sessions.update(id, payload), 204, 'a key change of a session');
      keys.push(keyOf(payload));
    }
  });
  return { id, keys, window };
}

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
    await expectInclusiveBounds(t, KEY_CHANGES, id, cv, window.minChangeVersion);
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
    await expectWindowTotalCount(t, KEY_CHANGES, window, renamed.map((r) => r.id), 'key changes');
  }, { requires: ['changeQueries', 'writes'] });

  check('SES-KEYCHG-400-PAGING', '05 a negative limit or offset is refused', async (t) => {
    await expectPagingRefused(t, KEY_CHANGES);
  }, { requires: ['changeQueries'] });

  check('SES-KEYCHG-401-UNAUTHENTICATED', '06 a missing or unknown access token is refused with 401 on /keyChanges', async (t) => {
    await expectUnauthenticated(t, KEY_CHANGES, 'c');
  }, { requires: ['changeQueries'] });

  check('SES-KEYCHG-403-NO-CLAIM', '07 a client without a sessions claim is refused with 403', async (t) => {
    expectProblem(await t.as('noSessionsClaim').get(KEY_CHANGES), { status: 403, typePrefix: ProblemType.authorization });
  }, { requires: ['changeQueries', 'noSessionsClaim'] });

  check('SES-CQ-DISABLED-KEYCHG', '08 with change queries disabled /keyChanges answers 404 feature-disabled', async (t) => {
    const off = t.secondary('changeQueriesDisabled');
    expectProblem(await off.api.get(KEY_CHANGES), { status: 404, type: ProblemType.featureDisabled });
  }, { requires: ['changeQueriesDisabledTarget'] });
});
