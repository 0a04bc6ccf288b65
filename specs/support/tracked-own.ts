// A change of this check's own in /deletes or /keyChanges of any resource, for the families that
// read those lists under a condition (list-conditional: If-None-Match; snapshots: Use-Snapshot)
// without judging the lists themselves. Sessions go through specs/support/tracked-changes.ts as
// they always did (same requests, same evidence). Another resource's delete is its own DELETE; its
// key change is the cascade of a key change of the parent it follows (a course offering's session
// renamed: ODS carries the new sessionName into the offering's key, ON UPDATE CASCADE), since
// such a resource's own key is not updatable. Every step is set-up: the endpoint serving, the
// write, and finding the change again (evidencing the list's 200 requirement).
import { ensure, expectStatus, naturalKeyOf, requirementIdOf, RESOURCES, type AnyResourceDescriptor, type CheckContext } from '../../src/index.js';
import { expectServes } from './access.js';
import { windowStart } from './change-versions.js';
import { eventually } from './eventually.js';
import { sameId } from './ids.js';
import { SESSIONS_RESOURCE } from './resources.js';
import { DELETES, KEY_CHANGES, ownChange, type TrackedList } from './tracked-changes.js';
import type { ListEndpoint } from './access.js';

export type TrackedKind = 'deletes' | 'keyChanges';

/** One tracked-change list of a resource: where it is, and the requirement its 200 answer evidences. */
export interface TrackedEndpoint extends ListEndpoint {
  /** '/deletes' or '/keyChanges', for titles and messages. */
  name: string;
  kind: TrackedKind;
}

/** This check's own change, found in the list: its id, its listed change version, the window start. */
export interface OwnTracked {
  id: string;
  cv: number;
  from: number;
}

const SESSION_LISTS: Record<TrackedKind, TrackedList> = { deletes: DELETES, keyChanges: KEY_CHANGES };

/** The list of `kind` of the resource (sessions: the tracked-changes descriptors themselves). */
export function trackedEndpoint(d: AnyResourceDescriptor, kind: TrackedKind): TrackedEndpoint {
  if (d.name === SESSIONS_RESOURCE.name) return { ...SESSION_LISTS[kind], kind };
  const name = kind === 'deletes' ? '/deletes' : '/keyChanges';
  return { name, kind, path: `${d.path}${name}`, query: { limit: 1 }, serves: requirementIdOf(d, kind === 'deletes' ? 'DELETES-200' : 'KEYCHG-200') };
}

/** The parent whose key change cascades into this resource's key, and the member referencing it. */
function cascadingParent(d: AnyResourceDescriptor): { parent: AnyResourceDescriptor; as: string; via: string } {
  for (const p of d.prerequisites) {
    if (p.kind !== 'created') continue;
    const parent = RESOURCES.find((r) => r.name === p.resource);
    const link = parent?.dependents.find((x) => x.resource === d.name && x.cascadesKeyChange);
    if (parent?.keyUpdatable && link) return { parent, as: p.as, via: link.via };
  }
  throw new Error(`${d.name}: its key is not updatable and no parent's key change cascades into it, so no key change of it can be made`);
}

/** Set-up: an item of `d` created, the window start read, then the item deleted. */
async function createAndDelete(t: CheckContext, d: AnyResourceDescriptor): Promise<{ id: string; from: number }> {
  const r = t.resource(d.name);
  const { id } = await r.createNew();
  const from = await windowStart(t);
  await t.arrange(`DELETE ${d.title}`, async () => expectStatus(await r.delete(id), 204), requirementIdOf(d, 'DELETE-204-DELETED'));
  return { id, from };
}

/**
 * Set-up: an item of `d` whose key changes once. A resource with an updatable key would rename
 * itself; one without (course offerings) follows its parent: the parent (a session) is created,
 * the item references it, then the parent is renamed and the key change cascades.
 */
async function createAndRekey(t: CheckContext, d: AnyResourceDescriptor): Promise<{ id: string; from: number }> {
  const { parent, via } = cascadingParent(d);
  if (parent.name !== SESSIONS_RESOURCE.name) throw new Error(`${d.name}: only a session's key change can be made (parent ${parent.name})`);
  const sessionPayload = t.gen.build(t.refs);
  const session = await t.sessions.create(sessionPayload);
  const key = naturalKeyOf(parent, sessionPayload as unknown as Record<string, unknown>);
  const r = t.resource(d.name);
  // The item's own builder makes (and references) a parent of its own; it is pointed at this one.
  const payload = await r.prepare();
  const { id } = await r.create({ ...payload, [via]: Object.fromEntries(Object.entries(key).map(([k, v]) => [k.split('.').pop()!, v])) });
  const from = await windowStart(t);
  await t.arrange(`change the ${parent.title.replace(/^an? /, '')}'s key (cascading into ${d.title})`, async () => {
    expectStatus(await t.sessions.update(session.id, t.gen.withKeyChange(sessionPayload)), 204);
  }, requirementIdOf(parent, 'PUT-KEY-CHANGE-KEEPS-ID'));
  return { id, from };
}

/**
 * Set-up: the list serves, this check makes its change and finds it listed (evidencing the list's
 * 200 requirement). Sessions: ownChange of tracked-changes.ts, which also holds the item's shape.
 */
export async function ownTrackedChange(t: CheckContext, d: AnyResourceDescriptor, kind: TrackedKind): Promise<OwnTracked> {
  const list = trackedEndpoint(d, kind);
  if (d.name === SESSIONS_RESOURCE.name) {
    const { id, cv, from } = await ownChange(t, SESSION_LISTS[kind]);
    return { id, cv, from };
  }
  await expectServes(t, list);
  const made = kind === 'deletes' ? await createAndDelete(t, d) : await createAndRekey(t, d);
  const cv = await t.arrange(`find the change in ${list.name}`, async () => {
    const ex = await eventually(() => t.api.get(list.path, { query: { minChangeVersion: made.from, limit: 500 } }),
      (e) => Array.isArray(e.json) && (e.json as Array<{ id?: unknown }>).some((i) => sameId(i.id, made.id)));
    expectStatus(ex, 200);
    const mine = (Array.isArray(ex.json) ? (ex.json as Array<{ id?: unknown; changeVersion?: unknown }>) : []).filter((i) => sameId(i.id, made.id));
    ensure(mine.length === 1 && Number.isSafeInteger(mine[0]!.changeVersion), `the check's own change should appear once in ${list.name} with an integer changeVersion`, { expected: `one item with id ${made.id}`, observed: mine }, ex);
    return mine[0]!.changeVersion as number;
  }, list.serves);
  return { ...made, cv };
}
