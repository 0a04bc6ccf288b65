// Set-up the checks of one describe share: the session every courseOfferings validation case
// needs only to have somewhere to put its offering, and the session sessions' refused PUT cases
// are sent to (specs/sessions.validation.spec.ts). The first check that needs it makes it, as its
// own set-up and with its own client (so a failed create is that check's finding, blocked by the
// same requirement as before); it is then left to the run's final sweep (t.ledger.keepForSweep)
// rather than to that check's clean-up, since the others go on using it. A check that finds the
// shared set-up failed makes its own, as if nothing were shared, and the next check to come asks
// again: what a failing create tells any check is unchanged. Keyed by the run and a name the
// caller gives (its describe), per spec worker.
import { fixtureLacking, type AnyResourceDescriptor, type CheckContext, type CreatedResource } from '../../src/index.js';

type Body = Record<string, unknown>;

const shared = new Map<string, Promise<unknown>>();

/**
 * What `make` gives, made once per run and `key` by the first check that asks (as its own set-up:
 * its failure is thrown to that check) and awaited by the checks that ask later. A later check gets
 * undefined when the making failed (it then works unshared), and the next one to ask makes it again.
 * `make` runs under the first check's context, so it calls t.ledger.keepForSweep on what it creates.
 */
export async function sharedInRun<T>(t: CheckContext, key: string, make: () => Promise<T>): Promise<T | undefined> {
  const slot = `${t.target.runTag}\u0000${key}`;
  const pending = shared.get(slot) as Promise<T | undefined> | undefined;
  if (pending) return pending;
  const mine = make();
  shared.set(slot, mine.then((value) => value, () => undefined));
  try {
    return await mine;
  } catch (error) {
    shared.delete(slot);
    throw error;
  }
}

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
  const item = await sharedInRun<CreatedResource>(t, `${d.name}\u0000${key}`, async () => {
    const made = await t.resource(parent.resource).createNew();
    t.ledger.keepForSweep(made.id);
    return made;
  });
  return (await client.prepare(undefined, item ? { [parent.as]: item } : undefined)) as Body;
}
