// Walks over GET /ed-fi/sessions shared by the paging, cursor-paging and partitions checks: one
// page as ids, a limit/offset walk to the first empty page, and a cursor walk that follows
// Next-Page-Token. Kept in one place so every check pages (and judges a page) the same way.
import { ensure, expectStatus, nextPageToken, SESSIONS, type CheckContext, type Exchange } from '../../src/index.js';
import type { Query } from './isolated-set.js';

/** One GET-many page; asserts 200 and a JSON array, returns the ids in page order. */
export async function listPage(t: CheckContext, query: Query): Promise<{ ex: Exchange; ids: string[] }> {
  const ex = await t.api.get(SESSIONS, { query });
  expectStatus(ex, 200);
  ensure(Array.isArray(ex.json), 'GET-many should answer a JSON array', { expected: '[…]', observed: ex.text }, ex);
  return { ex, ids: (ex.json as Array<{ id?: unknown }>).map((item) => String(item.id)) };
}

/** Walks the filtered set with limit/offset until an empty page; returns every id in page order. */
export async function walkByOffset(t: CheckContext, filter: Query, limit: number): Promise<string[]> {
  const seen: string[] = [];
  for (let offset = 0; offset <= 50 * limit; offset += limit) {
    const { ex, ids } = await listPage(t, { ...filter, limit, offset });
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
export async function walkByCursor(t: CheckContext, filter: Query, token: string, pageSize: number, { checkPages = true } = {}): Promise<string[]> {
  const seen: string[] = [];
  let next: string | undefined = token;
  for (let page = 0; page < 50 && next !== undefined; page++) {
    const { ex, ids } = await listPage(t, { ...filter, pageToken: next, pageSize });
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
