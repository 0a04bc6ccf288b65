// Isolation for checks that read lists (GET-many, partitions, cursor and offset walks). Other checks
// write in parallel, so a check creates its own sessions, all carrying a (totalInstructionalDays,
// beginDate, endDate) combination derived from the run tag and the check's seed, and filters on it:
// only its own items are counted. Only non-reference fields isolate: a host that refuses the
// reference filters (`schoolId`, `schoolYear`) breaks the filter requirement, which the filter
// checks judge, not every paging check. Before a check pages, a set-up step shows the filter
// selects exactly its items, so a broken filter blocks the paging checks instead of failing them.
import { createHash } from 'node:crypto';
import { ensure, type CheckContext, type Exchange } from '../../src/index.js';
import { eventually } from './eventually.js';
import { idKey, sameId } from './ids.js';
import { listPage } from './walks.js';

export type Query = Record<string, string | number | boolean>;
export type Isolation = { totalInstructionalDays: number; beginDate: string; endDate: string };
const DAY = 86_400_000;
/** The requirement a filtered GET-many answer evidences: 200, sessions that match the filters. */
export const FILTER_REQUIREMENT = 'SES-GET-200-LIST';
/** Page size of the set-up read: well inside 0..500, so no paging bound is needed to isolate. */
const ISOLATION_LIMIT = 100;

/** Filter values only this check's items carry (and the same values as payload overrides). */
export function isolation(t: CheckContext, label = ''): Isolation {
  const h = createHash('sha256').update(`${t.target.runTag}|${t.seed}|${label}`).digest();
  const start = Date.UTC(t.refs.schoolYear - 1, 7, 1) + (h.readUInt16BE(4) % 200) * DAY;
  return {
    totalInstructionalDays: 1_000_000 + (h.readUInt32BE(0) % 2_000_000_000),
    beginDate: new Date(start).toISOString().slice(0, 10),
    endDate: new Date(start + (1 + (h[6]! % 100)) * DAY).toISOString().slice(0, 10),
  };
}

/** Creates n sessions matching the filter (in parallel); with inOrder one after the other, so the ids are in creation order. */
export async function createSet(t: CheckContext, filter: Isolation, n: number, inOrder = false): Promise<string[]> {
  const payloads = Array.from({ length: n }, () => t.gen.build(t.refs, { ...filter }));
  if (!inOrder) return (await Promise.all(payloads.map((p) => t.sessions.create(p)))).map((c) => c.id);
  const ids: string[] = [];
  for (const p of payloads) ids.push((await t.sessions.create(p)).id);
  return ids;
}

/**
 * Set-up: the filtered list holds exactly `ids` (polling briefly while a slow host catches up).
 * Evidences the filter requirement, so a host whose filter fails blocks the check that pages.
 */
export async function isolate(t: CheckContext, filter: Isolation, ids: string[]): Promise<void> {
  await t.arrange('the isolation filter selects exactly the items created', async () => {
    const page = await eventually(() => listPage(t, { ...filter, limit: ISOLATION_LIMIT }), (p) => ids.every((id) => p.ids.some((x) => idKey(x) === idKey(id))));
    sameSet(page.ids, ids, 'the filtered list', page.ex);
  }, FILTER_REQUIREMENT);
}

/** The usual set-up of a list check: n new items under a fresh isolation filter, shown to be selected by it. */
export async function isolatedSet(t: CheckContext, n: number, options: { inOrder?: boolean; label?: string } = {}): Promise<{ filter: Isolation; ids: string[] }> {
  const filter = isolation(t, options.label);
  const ids = await createSet(t, filter, n, options.inOrder);
  await isolate(t, filter, ids);
  return { filter, ids };
}

/** Set-up: GET-many with `filter` (the run-unique sessionName, say) lists the item `id`, polling briefly for a slow host. */
export async function findListed(t: CheckContext, filter: Query, id: string, label = 'GET-many lists the new item'): Promise<void> {
  await t.arrange(label, async () => {
    const page = await eventually(() => listPage(t, filter), (p) => p.ids.some((x) => sameId(x, id)));
    ensure(page.ids.some((x) => sameId(x, id)), 'GET-many should list the session just created under the filter it matches', { expected: id, observed: page.ids }, page.ex);
  }, FILTER_REQUIREMENT);
}

/** Asserts that a walk returned each item once and exactly the isolated set. */
export function sameSet(actual: string[], expected: string[], what: string, ex?: Exchange): void {
  const keys = actual.map(idKey);
  const dupes = actual.filter((_, i) => keys.indexOf(keys[i]!) !== i);
  ensure(dupes.length === 0, `${what} should return each item once`, { expected: 'no duplicates', observed: { duplicates: dupes } }, ex);
  const wanted = expected.map(idKey);
  const missing = expected.filter((id) => !keys.includes(idKey(id)));
  const extra = actual.filter((id) => !wanted.includes(idKey(id)));
  ensure(missing.length === 0 && extra.length === 0, `${what} should return exactly the isolated set`, { expected, observed: { missing, extra } }, ex);
}
