// GET-many by a run-unique name (sessionName; for another resource its top-level key member, see
// resources.ts): how a CRUD check proves that a refused write created nothing, or that a rename
// moved an item. The name is not a reference field, so this filter does not depend on the
// reference-field filters (schoolId, schoolYear) that strict hosts refuse.
// The list itself is set-up: when the host refuses the filter or answers items that do not match
// it, the check is blocked by {R}-GET-200-LIST (the requirement that GET-many honours its query
// filters), never failed under its own id. Whether our item is (or is not) among the answered
// items is the check's own assertion.
import { ensure, expectStatus, requirementIdOf, type AnyResourceDescriptor, type CheckContext } from '../../src/index.js';
import { nameMemberOf, SESSIONS_RESOURCE } from './resources.js';

export type ListedSession = Record<string, unknown>;

/** The items GET-many lists under this name (set-up step, evidences {R}-GET-200-LIST). `on`: the resource. */
export async function listByName(t: CheckContext, name: string, on: AnyResourceDescriptor = SESSIONS_RESOURCE): Promise<ListedSession[]> {
  const member = nameMemberOf(on);
  return t.arrange(`GET-many by ${member} ${name}`, async () => {
    const ex = await t.api.get(on.path, { query: { [member]: name } });
    expectStatus(ex, 200);
    ensure(Array.isArray(ex.json), 'GET-many should answer a JSON array', { expected: '[…]', observed: ex.text }, ex);
    const items = ex.json as ListedSession[];
    const others = items.filter((i) => i?.[member] !== name).map((i) => i?.[member]);
    ensure(others.length === 0, `GET-many filtered by ${member} should answer only items with that name`, { expected: `every ${member} = ${name}`, observed: others.slice(0, 5) }, ex);
    return items;
  }, requirementIdOf(on, 'GET-200-LIST'));
}

/** The check's own assertion that nothing with this name exists (a refused write created nothing). */
export async function expectNoneNamed(t: CheckContext, name: string, what: string, on: AnyResourceDescriptor = SESSIONS_RESOURCE): Promise<void> {
  const listed = await listByName(t, name, on);
  ensure(listed.length === 0, what, { expected: [], observed: listed.map((i) => i.id) });
}
