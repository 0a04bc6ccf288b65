// Writes a CRUD check needs to succeed before it can assert its own requirement (a second version
// of an item, a first DELETE, an upsert whose ETag is then compared). Each is a set-up step
// naming the requirement its success depends on, so a host that breaks that requirement blocks
// the check instead of failing it under its own id.
import { expectStatus, SESSIONS, type CheckContext, type Exchange } from '../../src/index.js';

/** Set-up PUT that must answer 204 (evidences SES-PUT-204-UPDATED). */
export async function putInSetup(t: CheckContext, id: string, payload: unknown, label: string, headers?: Record<string, string>): Promise<Exchange> {
  return t.arrange(label, async () => {
    const ex = await t.sessions.update(id, payload, headers ? { headers } : undefined);
    expectStatus(ex, 204);
    return ex;
  }, 'SES-PUT-204-UPDATED');
}

/** Set-up POST of an existing natural key that must answer 200 (evidences SES-POST-200-UPSERT). */
export async function upsertInSetup(t: CheckContext, payload: unknown, label: string): Promise<Exchange> {
  return t.arrange(label, async () => {
    const ex = await t.api.post(SESSIONS, payload);
    expectStatus(ex, 200);
    return ex;
  }, 'SES-POST-200-UPSERT');
}

/** Set-up DELETE that must answer 204 (evidences SES-DELETE-204-DELETED). */
export async function deleteInSetup(t: CheckContext, id: string, label: string): Promise<Exchange> {
  return t.arrange(label, async () => {
    const ex = await t.sessions.delete(id);
    expectStatus(ex, 204);
    return ex;
  }, 'SES-DELETE-204-DELETED');
}
