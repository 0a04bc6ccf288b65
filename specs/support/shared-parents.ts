// A parent the checks of one describe share: the session every courseOfferings validation case
// needs only to have somewhere to put its offering. The first check that needs it creates it, as
// its own set-up and with its own client (so a failed create is that check's finding, blocked by
// the same requirement as before); it is then left to the run's final sweep (t.ledger.keepForSweep)
// rather than to that check's clean-up, since the others go on using it. A check that finds the
// shared create failed creates its own parents, as if nothing were shared, and the next check to
// come asks again: what a failing create tells any check is unchanged. Keyed by the run and a name
// the caller gives (its describe), per spec worker.
import { fixtureLacking, type AnyResourceDescriptor, type CheckContext, type CreatedResource } from '../../src/index.js';

type Body = Record<string, unknown>;

const shared = new Map<string, Promise<CreatedResource | undefined>>();

/**
 * t.resource(d).prepare(), its one created parent shared by every check that calls this with the
 * same `key` in this run. Resources with no created parent, or with a required fixture missing
 * (the check skips as before, having created nothing), take the unshared path.
 */
export async function prepareWithSharedParent(t: CheckContext, d: AnyResourceDescriptor, key: string): Promise<Body> {
  const client = t.resource(d.name);
  const created = d.prerequisites.flatMap((p) => (p.kind === 'created' ? [p] : []));
  const fixturesMissing = d.prerequisites.some((p) => p.kind === 'fixture' && p.required && fixtureLacking(t.refs[p.fixture]));
  if (created.length !== 1 || fixturesMissing) return (await client.prepare()) as Body;
  const parent = created[0]!;
  const slot = `${t.target.runTag}\u0000${d.name}\u0000${key}`;
  const pending = shared.get(slot);
  if (pending) {
    const item = await pending;
    return (await client.prepare(undefined, item ? { [parent.as]: item } : undefined)) as Body;
  }
  const mine = t.resource(parent.resource).createNew();
  shared.set(slot, mine.then((item) => item, () => undefined));
  let item: CreatedResource;
  try {
    item = await mine;
  } catch (error) {
    shared.delete(slot);
    throw error;
  }
  t.ledger.keepForSweep(item.id);
  return (await client.prepare(undefined, { [parent.as]: item })) as Body;
}
