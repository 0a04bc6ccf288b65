// Reading the tracked-change lists /deletes and /keyChanges of any resource (CONTRACT.md §1.4, §5):
// both answer arrays of items keyed by id and change version, page with limit/offset and share the
// same Total-Count, paging-refusal and access rules. The two lists differ only in their item shape
// and in the write that puts an item there (a delete, a key change), so each is one descriptor here
// (trackedLists) and the checks of both are written once (specs/families/tracked-changes.ts).
// Making a change and finding it again is set-up for every check but the list's own 200 check: it
// evidences that requirement (and SES-ACV-SHAPE for the window start).
//
// A key change is made the way the resource allows: a session by its own PUT (Session allows key
// updates); a course offering, whose key is not updatable but holds its session's key, by renaming
// that session, which ODS cascades into the offering and tracks under the offering's own
// /keyChanges (CONTRACT.md §5, §6). keyChangeRoute says which, from the descriptors.
import { ensure, expectStatus, memberAt, requirementIdOf, RESOURCES, totalCount, type AnyResourceDescriptor, type CheckContext, type Exchange } from '../../src/index.js';
import { expectServes, type ListEndpoint } from './access.js';
import { windowStart } from './change-versions.js';
import { eventually } from './eventually.js';
import { isKeyLike, sameId, sameTrackedKey, trackedKeyOf, type TrackedKey } from './ids.js';
import type { Query } from './isolated-set.js';
import { expectParameterRefused } from './refusals.js';
import { nameMemberOf, nounOf, SESSIONS_RESOURCE } from './resources.js';

type Payload = Record<string, unknown>;
export type Tracked = { id?: unknown; changeVersion?: unknown };
export type Deleted = Tracked & { keyValues?: TrackedKey };
export type KeyChange = Tracked & { oldKeyValues?: TrackedKey; newKeyValues?: TrackedKey };

/** A change this check made, found again in its list. */
export interface OwnChange<T extends Tracked = Tracked> {
  id: string;
  /** The item's changeVersion as listed. */
  cv: number;
  /** The first change version the write could carry (newest before + 1). */
  from: number;
  item: T;
  /** The tracked keys the item had, oldest first (one for a delete, one more per key change). */
  keys: TrackedKey[];
  /** The item's last payload (the deleted one, or the one after the last key change). */
  payload: Payload;
}

/** What a change-making set-up step leaves behind. */
export type Made = Pick<OwnChange, 'id' | 'from' | 'keys' | 'payload'>;

export interface TrackedList extends ListEndpoint {
  /** '/deletes' or '/keyChanges', for titles and messages. */
  name: string;
  resource: AnyResourceDescriptor;
  /** The shape rule of every item (CONTRACT.md §1.4): keys of the members and kinds of `like` (this check's own key). */
  wellFormed(item: Tracked, like: TrackedKey): boolean;
  shape: string;
  /** Set-up: the write that puts an item of this check's own in the list. */
  change(t: CheckContext): Promise<Made>;
}

const isTracked = (i: Tracked): boolean => typeof i.id === 'string' && Number.isSafeInteger(i.changeVersion);

/** The key members in words: '{ schoolId, schoolYear, sessionName }'. */
const keyWords = (d: AnyResourceDescriptor): string => `{ ${Object.keys(trackedKeyOf(d, {})).join(', ')} }`;

/** The two tracked-change lists of a resource. */
export function trackedLists(d: AnyResourceDescriptor): { deletes: TrackedList; keyChanges: TrackedList } {
  return {
    deletes: {
      name: '/deletes',
      resource: d,
      path: `${d.path}/deletes`,
      query: { limit: 1 },
      serves: requirementIdOf(d, 'DELETES-200'),
      claim: d.name,
      wellFormed: (i, like) => isTracked(i) && isKeyLike((i as Deleted).keyValues, like),
      shape: `{ id: string, changeVersion: integer, keyValues: ${keyWords(d)} }`,
      change: (t) => createAndDelete(t, d),
    },
    keyChanges: {
      name: '/keyChanges',
      resource: d,
      path: `${d.path}/keyChanges`,
      query: { limit: 1 },
      serves: requirementIdOf(d, 'KEYCHG-200'),
      claim: d.name,
      wellFormed: (i, like) => isTracked(i) && isKeyLike((i as KeyChange).oldKeyValues, like) && isKeyLike((i as KeyChange).newKeyValues, like),
      shape: `{ id: string, changeVersion: integer, oldKeyValues: ${keyWords(d)}, newKeyValues: { … } }`,
      change: (t) => createAndRename(t, 1, d),
    },
  };
}

/** Set-up: creates an item, then deletes it. */
export async function createAndDelete(t: CheckContext, d: AnyResourceDescriptor): Promise<Made> {
  const r = t.resource(d.name);
  const payload = await r.prepare();
  const { id } = await r.create(payload);
  const from = await windowStart(t);
  await t.arrange(`DELETE the ${nounOf(d)}`, async () => expectStatus(await r.delete(id), 204), requirementIdOf(d, 'DELETE-204-DELETED'));
  return { id, from, keys: [trackedKeyOf(d, payload)], payload };
}

/**
 * How a resource's natural key changes: by its own PUT (keyUpdatable), or by a key change of a
 * parent the run creates for it that cascades into it (a session renamed under its course
 * offering). Undefined when neither: the resource then has no key changes to track.
 */
export type KeyChangeRoute =
  | { by: 'own' }
  | { by: 'parent'; parent: AnyResourceDescriptor; as: string; via: string };

export function keyChangeRoute(d: AnyResourceDescriptor): KeyChangeRoute | undefined {
  if (d.keyUpdatable) return { by: 'own' };
  for (const p of d.prerequisites) {
    if (p.kind !== 'created') continue;
    const parent = RESOURCES.find((r) => r.name === p.resource);
    const dependent = parent?.dependents.find((x) => x.resource === d.name && x.cascadesKeyChange);
    if (parent?.keyUpdatable && dependent) return { by: 'parent', parent, as: p.as, via: dependent.via };
  }
  return undefined;
}

/**
 * The same item with its natural key changed. Sessions are the one resource whose key the suite
 * changes by PUT, and t.gen is the sessions factory that names their run-unique keys.
 */
function withKeyChange(t: CheckContext, d: AnyResourceDescriptor, payload: Payload): Payload {
  if (d.name !== SESSIONS_RESOURCE.name) throw new Error(`the suite has no key-change builder for ${d.name}`);
  return t.gen.withKeyChange(payload as never) as unknown as Payload;
}

/** Set-up: PUT `payload` (a key change of `d`) to `id`, evidencing that key changes are accepted. */
async function putKeyChange(t: CheckContext, d: AnyResourceDescriptor, id: string, payload: Payload, what: string): Promise<void> {
  await t.arrange(what, async () => expectStatus(await t.resource(d.name).update(id, payload), 204), requirementIdOf(d, 'PUT-KEY-CHANGE-KEEPS-ID'));
}

/** Set-up: creates an item, then changes its natural key `renames` times; the tracked keys in order. */
export async function createAndRename(t: CheckContext, renames: number, d: AnyResourceDescriptor): Promise<Made> {
  const route = keyChangeRoute(d);
  // A resource whose key neither its own PUT nor a created parent's cascade changes has no key
  // changes the suite can make (none of the known resources).
  if (!route) t.skip(`the suite knows no way to change the natural key of ${d.title} (not updatable, no parent whose key change cascades into it)`);
  const r = t.resource(d.name);
  if (route.by === 'own') {
    let payload = await r.prepare();
    const { id } = await r.create(payload);
    const keys = [trackedKeyOf(d, payload)];
    const from = await windowStart(t);
    for (let i = 0; i < renames; i++) {
      payload = withKeyChange(t, d, payload);
      await putKeyChange(t, d, id, payload, `change the ${nameMemberOf(d)} (a key change)`);
      keys.push(trackedKeyOf(d, payload));
    }
    return { id, from, keys, payload };
  }
  // The parent is created here so its key can be changed; the item references it.
  const { parent, as, via } = route;
  const parentClient = t.resource(parent.name);
  let parentPayload = await parentClient.prepare();
  const parentItem = await parentClient.create(parentPayload);
  let payload = await r.prepare(undefined, { [as]: parentItem });
  const { id } = await r.create(payload);
  const keys = [trackedKeyOf(d, payload)];
  const from = await windowStart(t);
  for (let i = 0; i < renames; i++) {
    parentPayload = withKeyChange(t, parent, parentPayload);
    await putKeyChange(t, parent, parentItem.id, parentPayload, `change the ${nounOf(parent)}'s ${nameMemberOf(parent)} (a key change that cascades into the ${nounOf(d)})`);
    payload = { ...payload, [via]: { ...(payload[via] as Payload), ...trackedKeyOf(parent, parentPayload) } };
    await expectCascaded(t, d, id, payload, via, parent);
    keys.push(trackedKeyOf(d, payload));
  }
  return { id, from, keys, payload };
}

/** Set-up: the item now holds the parent's new key (the cascade itself is the parent's requirement). */
async function expectCascaded(t: CheckContext, d: AnyResourceDescriptor, id: string, payload: Payload, via: string, parent: AnyResourceDescriptor): Promise<void> {
  await t.arrange(`GET the ${nounOf(d)}: it references the ${nounOf(parent)} by its new key`, async () => {
    const ex = await t.resource(d.name).get(id);
    expectStatus(ex, 200);
    const expected = trackedKeyOf(d, payload);
    const observed = trackedKeyOf(d, ex.json);
    ensure(sameTrackedKey(observed, expected), `the ${nounOf(parent)}'s key change should carry into the ${nounOf(d)}'s ${via}`, { expected, observed: memberAt(ex.json, via) }, ex);
  }, requirementIdOf(parent, 'PUT-KEY-CHANGE-CASCADES'));
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
 * The items of the change `made` listed from its window start on, polling briefly until it shows
 * (or until `settled` holds of them); asserts every item read has the list's shape and the change
 * is listed.
 */
export async function findOwn<T extends Tracked>(t: CheckContext, list: TrackedList, made: Pick<Made, 'id' | 'from' | 'keys'>, settled: (mine: T[]) => boolean = (mine) => mine.length > 0): Promise<T[]> {
  const { id, from } = made;
  const items = await t.step(`read ${list.name} from change version ${from}`, () => eventually(() => trackedIn<T>(t, list, { minChangeVersion: from }), (all) => settled(all.filter((i) => sameId(i.id, id)))));
  const bad = items.filter((i) => !list.wellFormed(i, made.keys[0]!));
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
  const item = await t.arrange(`find the change in ${list.name}`, async () => onlyItem(list, await findOwn<T>(t, list, made), made.id), list.serves);
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
