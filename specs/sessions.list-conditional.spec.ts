// 304 on the list endpoints (seeds: GetSessions, DeletesSessions, KeyChangesSessions 304 "when the
// current server-side ETag matched If-None-Match"). Checked exactly under that condition: GET a
// list whose content only this check controls, take its ETag, repeat with If-None-Match. ODS 7.3
// sends no ETag on lists (CONTRACT.md §3); such a target skips these checks with that reason.
import {
  check, describe, ensure, expectNoBody, expectStatus, SESSIONS,
  type CheckContext, type Exchange, type SessionPayload,
} from '../src/index.js';
import { createSet, isolation, type Query } from './support/isolated-set.js';
import { windowAround } from './support/change-versions.js';
import { sameId } from './support/tracked-changes.js';

/** The list's ETag, or a skip: the 304 is documented only for a list that carries one. */
function etagOrSkip(t: CheckContext, ex: Exchange, what: string): string {
  expectStatus(ex, 200);
  const etag = ex.headers['etag'];
  if (!etag) t.skip(`the target sends no ETag on ${what}, so If-None-Match cannot match`);
  return etag;
}

/** Same request with If-None-Match: 304 with no body; with another value: 200 with a body. */
async function conditional(t: CheckContext, path: string, query: Query, etag: string): Promise<void> {
  const hit = await t.step('repeat with If-None-Match = the ETag', () => t.api.get(path, { query, headers: { 'if-none-match': etag } }));
  expectStatus(hit, 304);
  expectNoBody(hit);
  const other = `"${etag.replace(/"/g, '')}0"`;
  const miss = await t.step('repeat with a different If-None-Match', () => t.api.get(path, { query, headers: { 'if-none-match': other } }));
  expectStatus(miss, 200);
  ensure(Array.isArray(miss.json), 'a non-matching If-None-Match should get the full list', { expected: '[…]', observed: miss.text }, miss);
}

/** The change version of one item of a tracked-changes list (found by id in the window). */
async function trackedVersion(t: CheckContext, path: string, id: string, window: Query): Promise<number> {
  const ex = await t.api.get(path, { query: { ...window, limit: 500 } });
  expectStatus(ex, 200);
  const item = Array.isArray(ex.json) ? (ex.json as Array<{ id?: unknown; changeVersion?: unknown }>).find((i) => sameId(i.id, id)) : undefined;
  ensure(item && Number.isSafeInteger(item.changeVersion), 'the check\'s own change should be listed with a changeVersion', { expected: id, observed: ex.text }, ex);
  return item.changeVersion as number;
}

describe('If-None-Match on the list endpoints', () => {
  check('SES-GET-304-LIST-ETAG', '01 GET-many repeated with its own ETag answers 304 with no body', async (t) => {
    const filter = isolation(t);
    await createSet(t, filter, 1);
    const first = await t.api.get(SESSIONS, { query: filter });
    const etag = etagOrSkip(t, first, 'GET-many');
    await conditional(t, SESSIONS, filter, etag);
    await t.step('add an item to the list', () => createSet(t, filter, 1));
    const changed = await t.step('the old ETag no longer matches', () => t.api.get(SESSIONS, { query: filter, headers: { 'if-none-match': etag } }));
    expectStatus(changed, 200);
    ensure(Array.isArray(changed.json) && changed.json.length === 2, 'after a change the list should be sent again', { expected: '2 items', observed: changed.text }, changed);
  }, { requires: ['collectionEtag', 'writes'] });

  check('SES-DELETES-304-ETAG', '02 /deletes repeated with its own ETag answers 304 with no body', async (t) => {
    const { id } = await t.sessions.create(t.gen.build(t.refs));
    const written = await windowAround(t, async () => expectStatus(await t.sessions.delete(id), 204));
    const cv = await trackedVersion(t, `${SESSIONS}/deletes`, id, written);
    const window = { minChangeVersion: cv, maxChangeVersion: cv };
    const etag = etagOrSkip(t, await t.api.get(`${SESSIONS}/deletes`, { query: window }), '/deletes');
    await conditional(t, `${SESSIONS}/deletes`, window, etag);
  }, { requires: ['collectionEtag', 'changeQueries', 'writes'] });

  check('SES-KEYCHG-304-ETAG', '03 /keyChanges repeated with its own ETag answers 304 with no body', async (t) => {
    const payload: SessionPayload = t.gen.build(t.refs);
    const { id } = await t.sessions.create(payload);
    const written = await windowAround(t, async () => expectStatus(await t.sessions.update(id, t.gen.withKeyChange(payload)), 204));
    const cv = await trackedVersion(t, `${SESSIONS}/keyChanges`, id, written);
    const window = { minChangeVersion: cv, maxChangeVersion: cv };
    const etag = etagOrSkip(t, await t.api.get(`${SESSIONS}/keyChanges`, { query: window }), '/keyChanges');
    await conditional(t, `${SESSIONS}/keyChanges`, window, etag);
  }, { requires: ['collectionEtag', 'changeQueries', 'writes'] });
});
