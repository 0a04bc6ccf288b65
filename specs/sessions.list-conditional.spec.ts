// 304 on the list endpoints (seeds: GetSessions, DeletesSessions, KeyChangesSessions 304 "when the
// current server-side ETag matched If-None-Match"). Checked exactly under that condition: GET a
// list whose content only this check controls, take its ETag, repeat with If-None-Match. ODS 7.3
// sends no ETag on lists (CONTRACT.md §3); such a target skips these checks with that reason.
import { createHash } from 'node:crypto';
import {
  check, describe, ensure, expectNoBody, expectStatus, SESSIONS,
  type CheckContext, type Exchange, type SessionPayload,
} from '../src/index.js';

type Query = Record<string, string | number | boolean>;
const DAY = 86_400_000;

/** Filter values only this check's items carry. */
function isolation(t: CheckContext): Query & { totalInstructionalDays: number; beginDate: string; endDate: string } {
  const h = createHash('sha256').update(`${t.target.runTag}|${t.seed}`).digest();
  const start = Date.UTC(t.refs.schoolYear - 1, 7, 1) + (h.readUInt16BE(4) % 200) * DAY;
  return {
    schoolId: t.refs.schoolId,
    schoolYear: t.refs.schoolYear,
    totalInstructionalDays: 1_000_000 + (h.readUInt32BE(0) % 2_000_000_000),
    beginDate: new Date(start).toISOString().slice(0, 10),
    endDate: new Date(start + (1 + (h[6]! % 100)) * DAY).toISOString().slice(0, 10),
  };
}

async function newest(t: CheckContext): Promise<number> {
  const url = t.target.urls.availableChangeVersions;
  if (!url) t.skip('the target publishes no availableChangeVersions URL');
  const ex = await t.api.get(url);
  expectStatus(ex, 200);
  const v = (ex.json as { newestChangeVersion?: unknown } | undefined)?.newestChangeVersion;
  ensure(Number.isSafeInteger(v), 'newestChangeVersion should be an integer', { expected: 'integer', observed: ex.text }, ex);
  return v as number;
}

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
  const item = Array.isArray(ex.json) ? (ex.json as Array<{ id?: unknown; changeVersion?: unknown }>).find((i) => typeof i.id === 'string' && i.id.replace(/-/g, '').toLowerCase() === id.replace(/-/g, '').toLowerCase()) : undefined;
  ensure(item && Number.isSafeInteger(item.changeVersion), 'the check\'s own change should be listed with a changeVersion', { expected: id, observed: ex.text }, ex);
  return item.changeVersion as number;
}

describe('If-None-Match on the list endpoints', () => {
  check('SES-GET-304-LIST-ETAG', '01 GET-many repeated with its own ETag answers 304 with no body', async (t) => {
    const filter = isolation(t);
    const { totalInstructionalDays, beginDate, endDate } = filter;
    await t.sessions.create(t.gen.build(t.refs, { totalInstructionalDays, beginDate, endDate }));
    const first = await t.api.get(SESSIONS, { query: filter });
    const etag = etagOrSkip(t, first, 'GET-many');
    await conditional(t, SESSIONS, filter, etag);
    await t.step('add an item to the list', () => t.sessions.create(t.gen.build(t.refs, { totalInstructionalDays, beginDate, endDate })));
    const changed = await t.step('the old ETag no longer matches', () => t.api.get(SESSIONS, { query: filter, headers: { 'if-none-match': etag } }));
    expectStatus(changed, 200);
    ensure(Array.isArray(changed.json) && changed.json.length === 2, 'after a change the list should be sent again', { expected: '2 items', observed: changed.text }, changed);
  }, { requires: ['collectionEtag', 'writes'] });

  check('SES-DELETES-304-ETAG', '02 /deletes repeated with its own ETag answers 304 with no body', async (t) => {
    const { id } = await t.sessions.create(t.gen.build(t.refs));
    const before = await newest(t);
    expectStatus(await t.sessions.delete(id), 204);
    const cv = await trackedVersion(t, `${SESSIONS}/deletes`, id, { minChangeVersion: before + 1, maxChangeVersion: await newest(t) });
    const window = { minChangeVersion: cv, maxChangeVersion: cv };
    const etag = etagOrSkip(t, await t.api.get(`${SESSIONS}/deletes`, { query: window }), '/deletes');
    await conditional(t, `${SESSIONS}/deletes`, window, etag);
  }, { requires: ['collectionEtag', 'changeQueries', 'writes'] });

  check('SES-KEYCHG-304-ETAG', '03 /keyChanges repeated with its own ETag answers 304 with no body', async (t) => {
    const payload: SessionPayload = t.gen.build(t.refs);
    const { id } = await t.sessions.create(payload);
    const before = await newest(t);
    expectStatus(await t.sessions.update(id, t.gen.withKeyChange(payload)), 204);
    const cv = await trackedVersion(t, `${SESSIONS}/keyChanges`, id, { minChangeVersion: before + 1, maxChangeVersion: await newest(t) });
    const window = { minChangeVersion: cv, maxChangeVersion: cv };
    const etag = etagOrSkip(t, await t.api.get(`${SESSIONS}/keyChanges`, { query: window }), '/keyChanges');
    await conditional(t, `${SESSIONS}/keyChanges`, window, etag);
  }, { requires: ['collectionEtag', 'changeQueries', 'writes'] });
});
