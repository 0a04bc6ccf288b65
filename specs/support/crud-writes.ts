// Writes a CRUD check needs to succeed before it can assert its own requirement (a second version
// of an item, a first DELETE, an upsert whose ETag is then compared). Each is a set-up step
// naming the requirement its success depends on, so a host that breaks that requirement blocks
// the check instead of failing it under its own id. `on`: the item's resource (sessions by default).
import { expectStatus, requirementIdOf, type AnyResourceDescriptor, type CheckContext, type Exchange } from '../../src/index.js';
import { SESSIONS_RESOURCE } from './resources.js';

/** Set-up PUT that must answer 204 (evidences {R}-PUT-204-UPDATED). */
export async function putInSetup(t: CheckContext, id: string, payload: unknown, label: string, headers?: Record<string, string>, on: AnyResourceDescriptor = SESSIONS_RESOURCE): Promise<Exchange> {
  return t.arrange(label, async () => {
    const ex = await t.resource(on.name).update(id, payload, headers ? { headers } : undefined);
    expectStatus(ex, 204);
    return ex;
  }, requirementIdOf(on, 'PUT-204-UPDATED'));
}

/** Set-up POST of an existing natural key that must answer 200 (evidences {R}-POST-200-UPSERT). */
export async function upsertInSetup(t: CheckContext, payload: unknown, label: string, on: AnyResourceDescriptor = SESSIONS_RESOURCE): Promise<Exchange> {
  return t.arrange(label, async () => {
    const ex = await t.api.post(on.path, payload);
    expectStatus(ex, 200);
    return ex;
  }, requirementIdOf(on, 'POST-200-UPSERT'));
}

/** Set-up DELETE that must answer 204 (evidences {R}-DELETE-204-DELETED). */
export async function deleteInSetup(t: CheckContext, id: string, label: string, on: AnyResourceDescriptor = SESSIONS_RESOURCE): Promise<Exchange> {
  return t.arrange(label, async () => {
    const ex = await t.resource(on.name).delete(id);
    expectStatus(ex, 204);
    return ex;
  }, requirementIdOf(on, 'DELETE-204-DELETED'));
}
