// Optimistic locking under concurrency (issue 2 acceptance): 50 PUTs racing with the same If-Match
// → exactly one 204, 49 × 412, and the stored item is the winner's write (no lost update).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestHost, SESSIONS, createSession, sessionBody, startTestHost } from './host-fixture.js';

let t: TestHost;
beforeAll(async () => {
  t = await startTestHost();
});
afterAll(async () => t?.stop());

describe('concurrent writes', () => {
  it('50 concurrent PUTs with the same If-Match: one 204, the rest 412, no lost update', async () => {
    const created = await createSession(t);
    await t.token();
    const replies = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        t.api({ method: 'PUT', path: created.path, body: { ...created.body, totalInstructionalDays: 1000 + i }, headers: { 'If-Match': created.etag } }),
      ),
    );
    const statuses = replies.map((r) => r.status);
    expect(statuses.filter((s) => s === 204)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(49);
    const winner = replies.findIndex((r) => r.status === 204);
    const read = await t.api({ path: created.path });
    expect(read.json.totalInstructionalDays).toBe(1000 + winner);
    expect(read.headers.etag).toBe(replies[winner].headers.etag);
  });

  it('20 concurrent POSTs of one new natural key: one 201, the rest 200, one item', async () => {
    const body = sessionBody();
    const replies = await Promise.all(Array.from({ length: 20 }, () => t.api({ method: 'POST', path: SESSIONS, body })));
    const statuses = replies.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(19);
    expect(new Set(replies.map((r) => r.headers.location)).size).toBe(1);
  });
});
