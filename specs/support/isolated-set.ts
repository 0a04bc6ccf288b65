// Isolation for checks that read lists (GET-many, partitions, cursor and offset walks). Other checks
// write in parallel, so a check creates its own items, all carrying values of the resource's
// isolation members (descriptor.isolation) derived from the run tag and the check's seed, and
// filters on them: only its own items are counted. For sessions that is the (totalInstructionalDays,
// beginDate, endDate) combination; for course offerings (instructionalTimePlanned, localCourseTitle).
// Only non-reference fields isolate: a host that refuses the reference filters (`schoolId`,
// `schoolYear`) breaks the filter requirement, which the filter checks judge, not every paging
// check. Before a check pages, a set-up step shows the filter selects exactly its items, so a
// broken filter blocks the paging checks (on {R}-GET-200-LIST) instead of failing them. Helpers
// take the descriptor last (default sessions), so sessions checks send the requests they always did.
import { createHash } from 'node:crypto';
import { ensure, requirementIdOf, type AnyResourceDescriptor, type CheckContext, type Exchange } from '../../src/index.js';
import { eventually } from './eventually.js';
import { idKey, sameId } from './ids.js';
import { SESSIONS_RESOURCE } from './resources.js';
import { listPage } from './walks.js';

export type Query = Record<string, string | number | boolean>;
export type Isolation = { totalInstructionalDays: number; beginDate: string; endDate: string };
/** The isolation filter of any resource: its isolation members and the values only this check's items carry. */
export type IsolationFilter = Record<string, string | number>;
const DAY = 86_400_000;
/** The requirement a filtered GET-many answer evidences: 200, sessions that match the filters. */
export const FILTER_REQUIREMENT = 'SES-GET-200-LIST';
/** Page size of the set-up read: well inside 0..500, so no paging bound is needed to isolate. */
const ISOLATION_LIMIT = 100;

/** Filter values only this check's items carry (and the same values as payload overrides). */
export function isolation(t: CheckContext, label = ''): Isolation {
  const h = digest(t, label);
  const start = Date.UTC(t.refs.schoolYear - 1, 7, 1) + (h.readUInt16BE(4) % 200) * DAY;
  return {
    totalInstructionalDays: 1_000_000 + (h.readUInt32BE(0) % 2_000_000_000),
    beginDate: new Date(start).toISOString().slice(0, 10),
    endDate: new Date(start + (1 + (h[6]! % 100)) * DAY).toISOString().slice(0, 10),
  };
}

const digest = (t: CheckContext, label: string): Buffer => createHash('sha256').update(`${t.target.runTag}|${t.seed}|${label}`).digest();

/**
 * The isolation filter of a resource other than sessions: each of its isolation members gets a
 * value derived from the run tag, the check's seed and the label, typed as the member is in a
 * built item (`sample`): a number far above any realistic value, or a short tagged text.
 */
export function isolationOf(t: CheckContext, d: AnyResourceDescriptor, sample: Record<string, unknown>, label = ''): IsolationFilter {
  if (d.name === SESSIONS_RESOURCE.name) return isolation(t, label);
  const h = digest(t, `${d.name}|${label}`);
  return Object.fromEntries(d.isolation.map((member, i) => {
    const word = h.readUInt32BE((i * 4) % 28);
    if (typeof sample[member] === 'number') return [member, 1_000_000 + (word % 2_000_000_000)];
    if (typeof sample[member] === 'string') return [member, `iso ${t.target.runTag} ${word.toString(36)}`];
    throw new Error(`${d.name}: isolation member ${member} is neither a number nor a string in a built item`);
  }));
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
export async function isolate(t: CheckContext, filter: IsolationFilter, ids: string[], d: AnyResourceDescriptor = SESSIONS_RESOURCE): Promise<void> {
  await t.arrange('the isolation filter selects exactly the items created', async () => {
    const page = await eventually(() => listPage(t, { ...filter, limit: ISOLATION_LIMIT }, d), (p) => ids.every((id) => p.ids.some((x) => idKey(x) === idKey(id))));
    sameSet(page.ids, ids, 'the filtered list', page.ex);
  }, requirementIdOf(d, 'GET-200-LIST'));
}

/**
 * n new items of any resource under a fresh isolation filter: their parents created once (an
 * offering's session: a failure there is blocked by the parent's POST requirement), the filter
 * values set on every payload. Sessions go through isolatedSet's own path.
 */
async function createResourceSet(t: CheckContext, d: AnyResourceDescriptor, n: number, inOrder: boolean, label: string): Promise<{ filter: IsolationFilter; ids: string[] }> {
  const r = t.resource(d.name);
  const payloads = await r.prepareMany(n);
  const filter = isolationOf(t, d, payloads[0] ?? {}, label);
  const isolated = payloads.map((p) => ({ ...p, ...filter }));
  if (!inOrder) return { filter, ids: (await Promise.all(isolated.map((p) => r.create(p)))).map((c) => c.id) };
  const ids: string[] = [];
  for (const p of isolated) ids.push((await r.create(p)).id);
  return { filter, ids };
}

/** The usual set-up of a list check: n new items under a fresh isolation filter, shown to be selected by it. */
export async function isolatedSet(t: CheckContext, n: number, options?: { inOrder?: boolean; label?: string }): Promise<{ filter: Isolation; ids: string[] }>;
export async function isolatedSet(t: CheckContext, n: number, options: { inOrder?: boolean; label?: string; on: AnyResourceDescriptor }): Promise<{ filter: IsolationFilter; ids: string[] }>;
export async function isolatedSet(t: CheckContext, n: number, options: { inOrder?: boolean; label?: string; on?: AnyResourceDescriptor } = {}): Promise<{ filter: IsolationFilter; ids: string[] }> {
  if (options.on && options.on.name !== SESSIONS_RESOURCE.name) {
    const { filter, ids } = await createResourceSet(t, options.on, n, options.inOrder ?? false, options.label ?? '');
    await isolate(t, filter, ids, options.on);
    return { filter, ids };
  }
  const filter = isolation(t, options.label);
  const ids = await createSet(t, filter, n, options.inOrder);
  await isolate(t, filter, ids);
  return { filter, ids };
}

/**
 * n new items of any resource, each carrying `filter`, created in parallel; not yet shown to be
 * selected by it (a filter check asserts that itself). Sessions are built by t.gen and created by
 * t.sessions, as createSet does; other resources share one set of created parents.
 */
export async function addFiltered(t: CheckContext, d: AnyResourceDescriptor, filter: IsolationFilter, n: number): Promise<{ ids: string[]; payloads: Record<string, unknown>[] }> {
  if (d.name === SESSIONS_RESOURCE.name) {
    const payloads = Array.from({ length: n }, () => t.gen.build(t.refs, { ...filter }));
    const ids = (await Promise.all(payloads.map((p) => t.sessions.create(p)))).map((c) => c.id);
    return { ids, payloads: payloads as unknown as Record<string, unknown>[] };
  }
  const r = t.resource(d.name);
  const payloads = (await r.prepareMany(n)).map((p) => ({ ...p, ...filter }));
  return { ids: (await Promise.all(payloads.map((p) => r.create(p)))).map((c) => c.id), payloads };
}

/**
 * n new items under a fresh isolation filter (the label picks it), not yet shown to be selected:
 * the set-up of a check whose own requirement is the filter. Sessions send what createSet sends.
 */
export async function filteredSet(t: CheckContext, d: AnyResourceDescriptor, n: number, label = ''): Promise<{ filter: IsolationFilter; ids: string[]; payloads: Record<string, unknown>[] }> {
  if (d.name === SESSIONS_RESOURCE.name) {
    const filter = isolation(t, label);
    return { filter, ...(await addFiltered(t, d, filter, n)) };
  }
  const r = t.resource(d.name);
  const prepared = await r.prepareMany(n);
  const filter = isolationOf(t, d, prepared[0] ?? {}, label);
  const payloads = prepared.map((p) => ({ ...p, ...filter }));
  return { filter, ids: (await Promise.all(payloads.map((p) => r.create(p)))).map((c) => c.id), payloads };
}

/**
 * The filter one step away from `filter`: its first numeric member plus one (sessions:
 * totalInstructionalDays), so items under it are neighbours the filter must keep out.
 */
export function neighbourOf(d: AnyResourceDescriptor, filter: IsolationFilter): IsolationFilter {
  const stepped = Object.keys(filter).find((k) => typeof filter[k] === 'number');
  if (!stepped) throw new Error(`${d.name}: no numeric isolation member to step for a neighbour filter`);
  return { ...filter, [stepped]: (filter[stepped] as number) + 1 };
}

/** Set-up: GET-many with `filter` (the run-unique sessionName, say) lists the item `id`, polling briefly for a slow host. */
export async function findListed(t: CheckContext, filter: Query, id: string, label = 'GET-many lists the new item', d: AnyResourceDescriptor = SESSIONS_RESOURCE): Promise<void> {
  await t.arrange(label, async () => {
    const page = await eventually(() => listPage(t, filter, d), (p) => p.ids.some((x) => sameId(x, id)));
    ensure(page.ids.some((x) => sameId(x, id)), `GET-many should list the ${d.title.replace(/^an? /, '')} just created under the filter it matches`, { expected: id, observed: page.ids }, page.ex);
  }, requirementIdOf(d, 'GET-200-LIST'));
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
