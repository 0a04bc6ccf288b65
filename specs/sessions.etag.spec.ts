// ETags: present and quoted on every answer that carries a representation's version, equal to the
// body's _etag, changed by real changes only, and honoured by If-None-Match on GET by id.
// CONTRACT.md §3; seed GetSessionsById 304.
import { check, describe, ensure, expectEtag, expectNoBody, expectStatus, SESSIONS, unquoteEtag, type CheckContext } from '../src/index.js';

interface Snapshot {
  etag: string;
  body: Record<string, unknown>;
}

async function read(t: CheckContext, id: string, label = 'GET the item'): Promise<Snapshot> {
  const ex = await t.step(label, () => t.sessions.get(id));
  expectStatus(ex, 200);
  return { etag: expectEtag(ex), body: ex.json as Record<string, unknown> };
}

/** If-None-Match as each profile takes it: ODS 7.3 compares the bare value (Ed-Fi's test strips the quotes). */
const ifNoneMatch = (t: CheckContext, etag: string): string => (t.target.profile === 'ods-7.3' ? unquoteEtag(etag) : etag);

describe('ETag header and _etag', () => {
  check('SES-ETAG-HEADER-QUOTED', '01 POST 201, POST 200, PUT 204 and GET by id each carry a quoted ETag', async (t) => {
    const payload = t.gen.build(t.refs);
    const created = await t.step('POST a valid session', () => t.sessions.create(payload));
    expectEtag(created.exchange);
    const repost = await t.step('POST it again unchanged', () => t.api.post(SESSIONS, t.gen.identicalRepost(payload)));
    expectStatus(repost, 200);
    expectEtag(repost);
    const put = await t.step('PUT a change', () => t.sessions.update(created.id, t.gen.withNonKeyChange(payload)));
    expectStatus(put, 204);
    expectEtag(put);
    await read(t, created.id);
  });

  check('SES-ETAG-BODY-MATCHES-HEADER', "02 _etag equals the ETag header without quotes, and the last write's ETag", async (t) => {
    const payload = t.gen.build(t.refs);
    const created = await t.step('POST a valid session', () => t.sessions.create(payload));
    const first = await read(t, created.id);
    ensure(first.body._etag === unquoteEtag(first.etag), '_etag should equal the ETag header without quotes', { expected: unquoteEtag(first.etag), observed: first.body._etag });
    ensure(first.etag === created.etag, 'GET should answer the ETag the POST gave', { expected: created.etag, observed: first.etag });
    const put = await t.step('PUT a change', () => t.sessions.update(created.id, t.gen.withNonKeyChange(payload)));
    expectStatus(put, 204);
    const second = await read(t, created.id, 'GET the item after the PUT');
    ensure(second.etag === expectEtag(put), 'GET should answer the ETag the PUT gave', { expected: put.headers['etag'], observed: second.etag });
    ensure(second.body._etag === unquoteEtag(second.etag), '_etag should equal the ETag header without quotes', { expected: unquoteEtag(second.etag), observed: second.body._etag });
  });

  check('SES-ETAG-CHANGES-ON-UPDATE', '03 a change of a non-key field gives a new ETag', async (t) => {
    const payload = t.gen.build(t.refs);
    const created = await t.step('POST a valid session', () => t.sessions.create(payload));
    const before = await read(t, created.id);
    expectStatus(await t.step('PUT totalInstructionalDays changed', () => t.sessions.update(created.id, t.gen.withNonKeyChange(payload))), 204);
    const after = await read(t, created.id, 'GET the item after the PUT');
    ensure(after.etag !== before.etag, 'a real change should give a new ETag', { expected: `not ${before.etag}`, observed: after.etag });
  });

  check('SES-ETAG-CHANGES-ON-UPDATE', '04 a change of a child collection only gives a new ETag', async (t) => {
    if (t.refs.gradingPeriods.length === 0 && t.refs.academicWeeks.length === 0) t.skip('the school has neither grading periods nor academic weeks');
    const payload = t.gen.build(t.refs);
    const created = await t.step('POST a valid session', () => t.sessions.create(payload));
    const before = await read(t, created.id);
    const changed = t.gen.withChildChange(payload, t.refs);
    expectStatus(await t.step('PUT with one child added or removed', () => t.sessions.update(created.id, changed)), 204);
    const after = await read(t, created.id, 'GET the item after the PUT');
    ensure(after.etag !== before.etag, 'a child-only change should give a new ETag', { expected: `not ${before.etag}`, observed: after.etag });
  });

  check('SES-ETAG-STABLE-ON-IDENTICAL-REPOST', '05 an identical re-POST answers 200 and keeps ETag and _lastModifiedDate', async (t) => {
    const payload = t.gen.build(t.refs);
    const created = await t.step('POST a valid session', () => t.sessions.create(payload));
    const before = await read(t, created.id);
    const again = await t.step('POST the identical body again', () => t.api.post(SESSIONS, t.gen.identicalRepost(payload)));
    expectStatus(again, 200);
    ensure(expectEtag(again) === before.etag, 'an identical re-POST should answer the unchanged ETag', { expected: before.etag, observed: again.headers['etag'] }, again);
    const after = await read(t, created.id, 'GET the item after the re-POST');
    ensure(after.etag === before.etag && after.body._lastModifiedDate === before.body._lastModifiedDate, 'an identical re-POST should change nothing', {
      expected: { etag: before.etag, _lastModifiedDate: before.body._lastModifiedDate },
      observed: { etag: after.etag, _lastModifiedDate: after.body._lastModifiedDate },
    });
  });

  check('SES-ETAG-STABLE-ON-FAILED-WRITE', '06 a refused PUT (negative totalInstructionalDays) leaves the ETag unchanged', async (t) => {
    const payload = t.gen.build(t.refs);
    const created = await t.step('POST a valid session', () => t.sessions.create(payload));
    const before = await read(t, created.id);
    const refused = await t.step('PUT with totalInstructionalDays -1', () => t.sessions.update(created.id, { ...payload, totalInstructionalDays: -1 }));
    expectStatus(refused, 400);
    const after = await read(t, created.id, 'GET the item after the refused PUT');
    ensure(after.etag === before.etag && after.body.totalInstructionalDays === payload.totalInstructionalDays, 'a refused write should leave the item as it was', {
      expected: { etag: before.etag, totalInstructionalDays: payload.totalInstructionalDays },
      observed: { etag: after.etag, totalInstructionalDays: after.body.totalInstructionalDays },
    });
  });
});

describe('If-None-Match on GET by id', () => {
  check('SES-GETBYID-304-NOT-MODIFIED', '07 If-None-Match equal to the current ETag answers 304 with no body', async (t) => {
    const created = await t.step('POST a valid session', () => t.sessions.create(t.gen.build(t.refs)));
    const current = await read(t, created.id);
    const ex = await t.step('GET with If-None-Match: the current ETag', () => t.sessions.get(created.id, { headers: { 'if-none-match': ifNoneMatch(t, current.etag) } }));
    expectStatus(ex, 304);
    expectNoBody(ex);
  });

  check('SES-GETBYID-IFNONEMATCH-STALE', '08 If-None-Match with an ETag that is no longer current answers 200 with the new ETag', async (t) => {
    const payload = t.gen.build(t.refs);
    const created = await t.step('POST a valid session', () => t.sessions.create(payload));
    const old = await read(t, created.id);
    expectStatus(await t.step('PUT a change', () => t.sessions.update(created.id, t.gen.withNonKeyChange(payload))), 204);
    const ex = await t.step('GET with If-None-Match: the old ETag', () => t.sessions.get(created.id, { headers: { 'if-none-match': ifNoneMatch(t, old.etag) } }));
    expectStatus(ex, 200);
    const etag = expectEtag(ex);
    ensure(etag !== old.etag, 'the answer should carry the new ETag', { expected: `not ${old.etag}`, observed: etag }, ex);
    ensure((ex.json as Record<string, unknown>)?.id !== undefined, 'a 200 should carry the item', { expected: 'the session', observed: ex.text }, ex);
  });
});
