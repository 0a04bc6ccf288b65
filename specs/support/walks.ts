// Walks over GET-many (sessions, or the resource a family passes last) shared by the paging,
// cursor, partitions and filter checks: one page as ids, a limit/offset walk to the first empty
// page, a cursor walk that follows Next-Page-Token, the partition tokens of a query, and where a
// cursor walk can start. Kept in one
// place so every check pages (and judges a page) the same way. Whether a failure here fails the
// check or blocks it depends on the caller: inside t.arrange it speaks for the step's requirement.
import { Differences, ensure, expectStatus, nextPageToken, requirementIdOf, SESSIONS, type AnyResourceDescriptor, type CheckContext, type Exchange } from '../../src/index.js';
import { isolatedSet, type Query } from './isolated-set.js';
import { SESSIONS_RESOURCE } from './resources.js';

export const PARTITIONS = `${SESSIONS}/partitions`;

/** One GET-many page; asserts 200 and a JSON array, returns the ids in page order. */
export async function listPage(t: CheckContext, query: Query, d: AnyResourceDescriptor = SESSIONS_RESOURCE): Promise<{ ex: Exchange; ids: string[] }> {
  const ex = await t.api.get(d.path, { query });
  expectStatus(ex, 200);
  ensure(Array.isArray(ex.json), 'GET-many should answer a JSON array', { expected: '[…]', observed: ex.text }, ex);
  return { ex, ids: (ex.json as Array<{ id?: unknown }>).map((item) => String(item.id)) };
}

/** Walks the filtered set with limit/offset until an empty page; returns every id in page order. */
export async function walkByOffset(t: CheckContext, filter: Query, limit: number, d: AnyResourceDescriptor = SESSIONS_RESOURCE): Promise<string[]> {
  const seen: string[] = [];
  for (let offset = 0; offset <= 50 * limit; offset += limit) {
    const { ex, ids } = await listPage(t, { ...filter, limit, offset }, d);
    ensure(ids.length <= limit, 'a page should hold at most `limit` items', { expected: `<= ${limit}`, observed: ids.length }, ex);
    if (ids.length === 0) return seen;
    seen.push(...ids);
  }
  ensure(false, 'an offset walk should reach an empty page', { expected: 'an empty page within 50 pages', observed: `${seen.length} items and still going` });
  return seen;
}

/**
 * Follows Next-Page-Token from `token` until a page is empty or carries no token (at most 50 pages).
 * With checkPages (the default) each page is also held to the cursor rules: at most pageSize items,
 * and no Next-Page-Token on an empty page; the partitions checks turn that off, they judge coverage only.
 */
export async function walkByCursor(t: CheckContext, filter: Query, token: string, pageSize: number, { checkPages = true, on = SESSIONS_RESOURCE }: { checkPages?: boolean; on?: AnyResourceDescriptor } = {}): Promise<string[]> {
  const seen: string[] = [];
  let next: string | undefined = token;
  for (let page = 0; page < 50 && next !== undefined; page++) {
    const { ex, ids } = await listPage(t, { ...filter, pageToken: next, pageSize }, on);
    if (checkPages) ensure(ids.length <= pageSize, 'a page should hold at most pageSize items', { expected: `<= ${pageSize}`, observed: ids.length }, ex);
    next = nextPageToken(ex);
    if (ids.length === 0) {
      if (checkPages) ensure(next === undefined, 'an empty page should carry no Next-Page-Token', { expected: '(absent)', observed: next }, ex);
      return seen;
    }
    seen.push(...ids);
  }
  ensure(next === undefined, 'the cursor walk should end within 50 pages', { expected: 'an empty page', observed: `still a token after ${seen.length} items` });
  return seen;
}

/**
 * GET partitions; asserts 200 and {pageTokens: string[]} with at most `number` distinct tokens.
 * ODS's undocumented allowSmallPartitions is added where the profile register allows it, so a
 * small set can be split (ODS otherwise keeps at least 2,500 items per partition).
 */
export async function partitionTokens(t: CheckContext, query: Query & { number: number }, d: AnyResourceDescriptor = SESSIONS_RESOURCE): Promise<string[]> {
  const ex = await t.api.get(`${d.path}/partitions`, { query: { ...query, ...(t.decide(Differences.smallPartitions) ? { allowSmallPartitions: true } : {}) } });
  expectStatus(ex, 200);
  const body = ex.json as { pageTokens?: unknown } | undefined;
  ensure(body !== null && typeof body === 'object' && Array.isArray(body.pageTokens) && body.pageTokens.every((x) => typeof x === 'string' && x.length > 0),
    'partitions should answer {pageTokens: string[]}', { expected: '{ "pageTokens": ["…"] }', observed: ex.text }, ex);
  const tokens = body.pageTokens as string[];
  ensure(tokens.length <= query.number, 'partitions should give at most `number` tokens', { expected: `<= ${query.number}`, observed: tokens.length }, ex);
  ensure(new Set(tokens).size === tokens.length, 'partition tokens should be distinct', { expected: 'distinct tokens', observed: tokens }, ex);
  return tokens;
}

/** Set-up: the partition tokens of a non-empty query, evidencing {R}-PART-200 (a non-empty set has a partition). */
export function nonEmptyPartitions(t: CheckContext, query: Query & { number: number }, label = 'the partition tokens of the set', d: AnyResourceDescriptor = SESSIONS_RESOURCE): Promise<string[]> {
  return t.arrange(label, async () => {
    const tokens = await partitionTokens(t, query, d);
    ensure(tokens.length >= 1, 'a non-empty set should have at least one partition', { expected: '>= 1 token', observed: tokens });
    return tokens;
  }, requirementIdOf(d, 'PART-200'));
}

/**
 * No Next-Page-Token on a page, and no partitions endpoint on a profile that lets a host go without
 * one (register: partitions-endpoint): no page token can be had, so a check needing one does not
 * apply. Where partitions are required, the fallback runs and a missing endpoint blocks the check.
 */
function skipWithoutTokenSource(t: CheckContext, page: Exchange): void {
  if (t.target.capabilities.partitions || t.decide(Differences.partitionsEndpoint) === 'required') return;
  t.skip(`no page token can be had: GET ${page.request.url} answered ${page.status} without Next-Page-Token, and the target has no partitions endpoint (404), which this profile does not require`, 'partitions');
}

/**
 * Set-up: where a cursor walk of the filtered set starts. A first page by `limit` and its
 * Next-Page-Token (ODS sends one on every non-empty page), else the set's one partition token.
 * Blocks on the requirement of whichever source failed: the filtered list, or the partitions.
 */
export async function cursorStart(t: CheckContext, filter: Query, limit: number, d: AnyResourceDescriptor = SESSIONS_RESOURCE): Promise<{ seen: string[]; token: string }> {
  const first = await t.arrange(`first page by limit=${limit}`, () => listPage(t, { ...filter, limit }, d), requirementIdOf(d, 'GET-200-LIST'));
  const token = nextPageToken(first.ex);
  if (token !== undefined) return { seen: first.ids, token };
  skipWithoutTokenSource(t, first.ex);
  const [partition] = await nonEmptyPartitions(t, { ...filter, number: 1 }, 'no Next-Page-Token on the first page: take the partition token of the set', d);
  return { seen: [], token: partition! };
}

/**
 * Set-up: a page token the server issued, for checks of how cursor parameters combine. Taken from
 * a page of two items this check created (so an item someone else deletes, or a host's stale
 * read, cannot make the page or its partition empty), else from the set's partition. A read-only
 * run pages the whole collection instead.
 */
export async function issuedToken(t: CheckContext, d: AnyResourceDescriptor = SESSIONS_RESOURCE): Promise<string> {
  if (t.target.readOnly) return issuedTokenReadOnly(t, d);
  const { filter } = await isolatedSet(t, 2, { label: 'issued-token', on: d });
  const { token } = await cursorStart(t, filter, 1, d);
  return token;
}

async function issuedTokenReadOnly(t: CheckContext, d: AnyResourceDescriptor): Promise<string> {
  const page = await t.arrange('a non-empty page of the collection', async () => {
    const first = await listPage(t, { limit: 1 }, d);
    if (first.ids.length === 0) t.skip(`the collection is empty and the run is read-only, so no page token can be obtained (GET ${d.path}?limit=1 answered [])`, 'writes');
    return first;
  }, requirementIdOf(d, 'GET-200-LIST'));
  const token = nextPageToken(page.ex);
  if (token !== undefined) return token;
  skipWithoutTokenSource(t, page.ex);
  const [partition] = await nonEmptyPartitions(t, { number: 1 }, 'no Next-Page-Token on a page: take a partition token', d);
  return partition!;
}
