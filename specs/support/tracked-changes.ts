// Reading the tracked-change lists /deletes and /keyChanges (CONTRACT.md §1.4): both answer arrays of
// items keyed by id and change version, page with limit/offset and share the same Total-Count,
// paging-refusal and 401 rules. The two spec files ask the same questions of two paths, so the
// readers and those check bodies live here once.
import { ensure, expectProblem, expectStatus, totalCount, ProblemType, type CheckContext, type Exchange, type SessionPayload } from '../../src/index.js';
import type { Query } from './isolated-set.js';
import type { Window } from './change-versions.js';

export type Key = { schoolId: number; schoolYear: number; sessionName: string };
export type Tracked = { id?: unknown; changeVersion?: unknown };

/** Ids compare without dashes and case (ODS writes them as 32 hex digits). */
export const sameId = (a: unknown, b: string): boolean => typeof a === 'string' && a.replace(/-/g, '').toLowerCase() === b.replace(/-/g, '').toLowerCase();
export const keyOf = (p: SessionPayload): Key => ({ schoolId: p.schoolReference.schoolId, schoolYear: p.schoolYearTypeReference.schoolYear, sessionName: p.sessionName });
export const isKey = (k: unknown): boolean => {
  const v = k as Partial<Key> | undefined;
  return !!v && typeof v === 'object' && Number.isSafeInteger(v.schoolId) && Number.isSafeInteger(v.schoolYear) && typeof v.sessionName === 'string';
};

/** '/deletes' or '/keyChanges': the last segment of the path, for messages. */
const nameOf = (path: string): string => path.slice(path.lastIndexOf('/'));

/** One page of a tracked-change list; asserts 200 and an array. */
export async function trackedPage<T extends Tracked>(t: CheckContext, path: string, query: Query): Promise<{ ex: Exchange; items: T[] }> {
  const ex = await t.api.get(path, { query });
  expectStatus(ex, 200);
  ensure(Array.isArray(ex.json), `${nameOf(path)} should answer a JSON array`, { expected: '[…]', observed: ex.text }, ex);
  return { ex, items: ex.json as T[] };
}

/** Every item of a change-version window, 500 at a time (at most 10 pages). */
export async function trackedIn<T extends Tracked>(t: CheckContext, path: string, window: Query): Promise<T[]> {
  const all: T[] = [];
  for (let offset = 0; offset < 10 * 500; offset += 500) {
    const { items } = await trackedPage<T>(t, path, { ...window, limit: 500, offset });
    all.push(...items);
    if (items.length < 500) break;
  }
  return all;
}

/**
 * minChangeVersion and maxChangeVersion are inclusive: the item `id` with change version `cv` is
 * listed at the bound and not past it (`from` is the window start, kept as the lower bound for max).
 */
export async function expectInclusiveBounds(t: CheckContext, path: string, id: string, cv: number, from: number): Promise<void> {
  const cases: Array<[Query, boolean, string]> = [
    [{ minChangeVersion: cv }, true, 'minChangeVersion equal to the item version includes it'],
    [{ minChangeVersion: cv + 1 }, false, 'minChangeVersion above the item version excludes it'],
    [{ minChangeVersion: from, maxChangeVersion: cv }, true, 'maxChangeVersion equal to the item version includes it'],
    [{ minChangeVersion: from, maxChangeVersion: cv - 1 }, false, 'maxChangeVersion below the item version excludes it'],
  ];
  for (const [query, expected, what] of cases) {
    const present = (await t.step(what, () => trackedIn(t, path, query))).some((i) => sameId(i.id, id));
    ensure(present === expected, what, { expected: `${expected ? 'present' : 'absent'} with ${JSON.stringify(query)}`, observed: present ? 'present' : 'absent' });
  }
}

/** Total-Count over a window holding three changes of this check (`ids`), with limit=500 and limit=1. */
export async function expectWindowTotalCount(t: CheckContext, path: string, window: Window, ids: string[], what: string): Promise<void> {
  const whole = await t.step('totalCount=true, limit=500', () => trackedPage(t, path, { ...window, totalCount: true, limit: 500 }));
  const mine = whole.items.filter((i) => ids.some((id) => sameId(i.id, id)));
  ensure(mine.length === 3, `the window should hold the three ${what} of this check`, { expected: 3, observed: mine.length }, whole.ex);
  if (whole.items.length < 500) {
    ensure(totalCount(whole.ex) === whole.items.length, 'Total-Count should equal the number of items in the window', { expected: whole.items.length, observed: totalCount(whole.ex) ?? '(no Total-Count header)' }, whole.ex);
  }
  const one = await t.step('totalCount=true, limit=1', () => trackedPage(t, path, { ...window, totalCount: true, limit: 1 }));
  const count = totalCount(one.ex);
  ensure(count !== undefined && count >= 3, 'Total-Count should count the window, not the page', { expected: '>= 3', observed: count ?? '(no Total-Count header)' }, one.ex);
}

/** A negative limit or offset is refused with 400, naming the parameter (except under the guidelines profile). */
export async function expectPagingRefused(t: CheckContext, path: string): Promise<void> {
  for (const [query, pattern] of [[{ limit: -1 }, /limit/i], [{ offset: -1 }, /offset/i]] as const) {
    const ex = await t.step(JSON.stringify(query), () => t.api.get(path, { query }));
    const body = expectProblem(ex, { status: 400, type: ProblemType.parameterValidationFailed });
    if (t.target.profile !== 'guidelines') {
      ensure(pattern.test(JSON.stringify(body.errors ?? body.detail)), 'the problem should name the bad parameter', { expected: `errors matching ${pattern}`, observed: body.errors ?? body.detail }, ex);
    }
  }
}

/** No Authorization header, then an unknown bearer token (`fill` repeated, then the seed): both 401. */
export async function expectUnauthenticated(t: CheckContext, path: string, fill: string): Promise<void> {
  expectProblem(await t.anonymous.get(path), { status: 401, type: ProblemType.authentication });
  const bogus = `Bearer ${fill.repeat(24)}${t.seed.toString(16).padStart(8, '0').slice(-8)}`;
  expectProblem(await t.anonymous.get(path, { headers: { authorization: bogus } }), { status: 401, type: ProblemType.authentication });
}
