// GET-many by a run-unique sessionName: how a CRUD check proves that a refused write created
// nothing, or that a rename moved an item. sessionName is not a reference field, so this filter
// does not depend on the reference-field filters (schoolId, schoolYear) that strict hosts refuse.
// The list itself is set-up: when the host refuses the filter or answers items that do not match
// it, the check is blocked by SES-GET-200-LIST (the requirement that GET-many honours its query
// filters), never failed under its own id. Whether our item is (or is not) among the answered
// items is the check's own assertion.
import { ensure, expectStatus, SESSIONS, type CheckContext } from '../../src/index.js';

export type ListedSession = Record<string, unknown>;

/** The sessions GET-many lists under this sessionName (set-up step, evidences SES-GET-200-LIST). */
export async function listByName(t: CheckContext, sessionName: string): Promise<ListedSession[]> {
  return t.arrange(`GET-many by sessionName ${sessionName}`, async () => {
    const ex = await t.api.get(SESSIONS, { query: { sessionName } });
    expectStatus(ex, 200);
    ensure(Array.isArray(ex.json), 'GET-many should answer a JSON array', { expected: '[…]', observed: ex.text }, ex);
    const items = ex.json as ListedSession[];
    const others = items.filter((i) => i?.sessionName !== sessionName).map((i) => i?.sessionName);
    ensure(others.length === 0, 'GET-many filtered by sessionName should answer only items with that name', { expected: `every sessionName = ${sessionName}`, observed: others.slice(0, 5) }, ex);
    return items;
  }, 'SES-GET-200-LIST');
}

/** The check's own assertion that nothing with this name exists (a refused write created nothing). */
export async function expectNoneNamed(t: CheckContext, sessionName: string, what: string): Promise<void> {
  const listed = await listByName(t, sessionName);
  ensure(listed.length === 0, what, { expected: [], observed: listed.map((i) => i.id) });
}
