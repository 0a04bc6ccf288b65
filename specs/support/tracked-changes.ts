// Reading the tracked-change lists /deletes and /keyChanges (CONTRACT.md §1.4): both answer arrays of
// items keyed by id and change version, page with limit/offset and share the same Total-Count,
// paging-refusal and access rules. The two lists differ only in their item shape and in the write
// that puts an item there (a delete, a key change), so each is one descriptor here and the checks
// of both are written once. Making a change and finding it again is set-up for every check but the
// list's own 200 check: it evidences that requirement (and SES-ACV-SHAPE for the window start).
import { ensure, expectStatus, totalCount, SESSIONS, type CheckContext, type Exchange, type SessionPayload } from '../../src/index.js';
import { expectServes, type ListEndpoint } from './access.js';
import { windowStart } from './change-versions.js';
import { eventually } from './eventually.js';
import { isKey, keyOf, sameId, type Key } from './ids.js';
import type { Query } from './isolated-set.js';
import { expectParameterRefused } from './refusals.js';

export type Tracked = { id?: unknown; changeVersion?: unknown };
export type Deleted = Tracked & { keyValues?: Partial<Key> };
export type KeyChange = Tracked & { oldKeyValues?: Partial<Key>; newKeyValues?: Partial<Key> };

/** A change this check made, found again in its list. */
export interface OwnChange<T extends Tracked = Tracked> {
  id: string;
  /** The item's changeVersion as listed. */
  cv: number;
  /** The first change version the write could carry (newest before + 1). */
  from: number;
  item: T;
  /** The natural keys the session had, oldest first (one for a delete, one more per rename). */
  keys: Key[];
  /** The session's last payload (the deleted one, or the one after the last rename). */
  payload: SessionPayload;
}

/** What a change-making set-up step leaves behind. */
export type Made = Pick<OwnChange, 'id' | 'from' | 'keys' | 'payload'>;

export interface TrackedList extends ListEndpoint {
  /** '/deletes' or '/keyChanges', for titles and messages. */
  name: string;
  /** The shape rule of every item (CONTRACT.md §1.4), as a predicate and in words. */
  wellFormed(item: Tracked): boolean;
  shape: string;
  /** Set-up: the write that puts an item of this check's own in the list. */
  change(t: CheckContext): Promise<Made>;
}

const isTracked = (i: Tracked): boolean => typeof i.id === 'string' && Number.isSafeInteger(i.changeVersion);

export const DELETES: TrackedList = {
  name: '/deletes',
  path: `${SESSIONS}/deletes`,
  query: { limit: 1 },
  serves: 'SES-DELETES-200',
  wellFormed: (i) => isTracked(i) && isKey((i as Deleted).keyValues),
  shape: '{ id: string, changeVersion: integer, keyValues: { schoolId, schoolYear, sessionName } }',
  change: (t) => createAndDelete(t),
};

export const KEY_CHANGES: TrackedList = {
  name: '/keyChanges',
  path: `${SESSIONS}/keyChanges`,
  query: { limit: 1 },
  serves: 'SES-KEYCHG-200',
  wellFormed: (i) => isTracked(i) && isKey((i as KeyChange).oldKeyValues) && isKey((i as KeyChange).newKeyValues),
  shape: '{ id: string, changeVersion: integer, oldKeyValues: { schoolId, schoolYear, sessionName }, newKeyValues: { … } }',
  change: (t) => createAndRename(t),
};

/** Set-up: creates a session, then deletes it. */
export async function createAndDelete(t: CheckContext): Promise<Made> {
  const payload = t.gen.build(t.refs);
  const { id } = await t.sessions.create(payload);
  const from = await windowStart(t);
  await t.arrange('DELETE the session', async () => expectStatus(await t.sessions.delete(id), 204), 'SES-DELETE-204-DELETED');
  return { id, from, keys: [keyOf(payload)], payload };
}

/** Set-up: creates a session, then changes its sessionName `renames` times; the keys in order. */
export async function createAndRename(t: CheckContext, renames = 1): Promise<Made> {
  let payload = t.gen.build(t.refs);
  const { id } = await t.sessions.create(payload);
  const keys = [keyOf(payload)];
  const from = await windowStart(t);
  for (let i = 0; i < renames; i++) {
    payload = t.gen.withKeyChange(payload);
    await t.arrange('change the sessionName (a key change)', async () => expectStatus(await t.sessions.update(id, payload), 204), 'SES-PUT-KEY-CHANGE-KEEPS-ID');
    keys.push(keyOf(payload));
  }
  return { id, from, keys, payload };
}

/** One page of a tracked-change list; asserts 200 and an array. */
export async function trackedPage<T extends Tracked>(t: CheckContext, list: TrackedList, query: Query): Promise<{ ex: Exchange; items: T[] }> {
  const ex = await t.api.get(list.path, { query });
  expectStatus(ex, 200);
  ensure(Array.isArray(ex.json), `${list.name} should answer a JSON array`, { expected: '[…]', observed: ex.text }, ex);
  return { ex, items: ex.json as T[] };
}

/** Every item of a change-version window, 500 at a time (at most 10 pages). */
export async function trackedIn<T extends Tracked>(t: CheckContext, list: TrackedList, window: Query): Promise<T[]> {
  const all: T[] = [];
  for (let offset = 0; offset < 10 * 500; offset += 500) {
    const { items } = await trackedPage<T>(t, list, { ...window, limit: 500, offset });
    all.push(...items);
    if (items.length < 500) break;
  }
  return all;
}

/**
 * The items of `id` listed from change version `from` on, polling briefly until it shows (or until
 * `settled` holds of them); asserts every item read has the list's shape and `id` is listed.
 */
export async function findOwn<T extends Tracked>(t: CheckContext, list: TrackedList, id: string, from: number, settled: (mine: T[]) => boolean = (mine) => mine.length > 0): Promise<T[]> {
  const items = await t.step(`read ${list.name} from change version ${from}`, () => eventually(() => trackedIn<T>(t, list, { minChangeVersion: from }), (all) => settled(all.filter((i) => sameId(i.id, id)))));
  const bad = items.filter((i) => !list.wellFormed(i));
  ensure(bad.length === 0, `every ${list.name} item should have the documented shape`, { expected: list.shape, observed: bad.slice(0, 3) });
  const mine = items.filter((i) => sameId(i.id, id));
  ensure(mine.length > 0, `the check's own change should appear in ${list.name}`, { expected: `an item with id ${id}`, observed: `none of ${items.length} items from change version ${from}` });
  return mine;
}

/** The one item of a single change; `appears once` is the list's 200 requirement. */
export function onlyItem<T extends Tracked>(list: TrackedList, mine: T[], id: string): T {
  ensure(mine.length === 1, `a single change should appear once in ${list.name}`, { expected: `one item with id ${id}`, observed: mine });
  return mine[0]!;
}

/** Set-up: the list serves, this check makes its change and finds it listed once (evidences the list's 200 requirement). */
export async function ownChange<T extends Tracked>(t: CheckContext, list: TrackedList): Promise<OwnChange<T>> {
  await expectServes(t, list);
  const made = await list.change(t);
  const item = await t.arrange(`find the change in ${list.name}`, async () => onlyItem(list, await findOwn<T>(t, list, made.id, made.from), made.id), list.serves);
  return { ...made, cv: item.changeVersion as number, item };
}

/**
 * minChangeVersion and maxChangeVersion are inclusive: the item `id` with change version `cv` is
 * listed at the bound and not past it (`from` is the window start, kept as the lower bound for max).
 */
export async function expectInclusiveBounds(t: CheckContext, list: TrackedList, id: string, cv: number, from: number): Promise<void> {
  const cases: Array<[Query, boolean, string]> = [
    [{ minChangeVersion: cv }, true, 'minChangeVersion equal to the item version includes it'],
    [{ minChangeVersion: cv + 1 }, false, 'minChangeVersion above the item version excludes it'],
    [{ minChangeVersion: from, maxChangeVersion: cv }, true, 'maxChangeVersion equal to the item version includes it'],
    [{ minChangeVersion: from, maxChangeVersion: cv - 1 }, false, 'maxChangeVersion below the item version excludes it'],
  ];
  for (const [query, expected, what] of cases) {
    const present = (await t.step(what, () => trackedIn(t, list, query))).some((i) => sameId(i.id, id));
    ensure(present === expected, what, { expected: `${expected ? 'present' : 'absent'} with ${JSON.stringify(query)}`, observed: present ? 'present' : 'absent' });
  }
}

/**
 * Total-Count over a window holding `changes` (this check's own, shown there in set-up, which
 * evidences the list's min/max requirement), with limit=500 and limit=1.
 */
export async function expectWindowTotalCount(t: CheckContext, list: TrackedList, changes: OwnChange[], boundsRequirement: string): Promise<void> {
  const window = { minChangeVersion: Math.min(...changes.map((c) => c.from)), maxChangeVersion: Math.max(...changes.map((c) => c.cv)) };
  await t.arrange(`the window ${JSON.stringify(window)} holds this check's ${changes.length} changes`, async () => {
    const items = await trackedIn(t, list, window);
    const missing = changes.filter((c) => !items.some((i) => sameId(i.id, c.id)));
    ensure(missing.length === 0, `a window from the first change's start to the last change's version should hold every change of this check`, { expected: changes.map((c) => c.id), observed: { missing: missing.map((c) => c.id), window } });
  }, boundsRequirement);
  const whole = await t.step('totalCount=true, limit=500', () => trackedPage(t, list, { ...window, totalCount: true, limit: 500 }));
  if (whole.items.length < 500) {
    ensure(totalCount(whole.ex) === whole.items.length, 'Total-Count should equal the number of items in the window', { expected: whole.items.length, observed: totalCount(whole.ex) ?? '(no Total-Count header)' }, whole.ex);
  }
  const one = await t.step('totalCount=true, limit=1', () => trackedPage(t, list, { ...window, totalCount: true, limit: 1 }));
  const count = totalCount(one.ex);
  ensure(count !== undefined && count >= changes.length, 'Total-Count should count the window, not the page', { expected: `>= ${changes.length}`, observed: count ?? '(no Total-Count header)' }, one.ex);
}

/** A negative limit or offset is refused with 400, naming the parameter where the register asks for it. */
export async function expectPagingRefused(t: CheckContext, list: TrackedList): Promise<void> {
  for (const [query, pattern] of [[{ limit: -1 }, /limit/i], [{ offset: -1 }, /offset/i]] as const) {
    const ex = await t.step(JSON.stringify(query), () => t.api.get(list.path, { query }));
    expectParameterRefused(t, ex, pattern, 'the problem should name the bad parameter');
  }
}
