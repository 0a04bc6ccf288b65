// The reads a CRUD check makes around its act, each on the right side of arrange/assert:
// - readVersion: set-up read of an item *and* its ETag, for checks whose own requirement is about
//   ETags (a host without ETags blocks them on SES-ETAG-HEADER-QUOTED);
// - writeEtag: the ETag a write answered, needed by a later comparison (set-up, same blocker);
// - readAfter: the read after a refused write, on the assertion side: the item must still be
//   there, and a 404 then is the check's own failure (its request removed the item), not a
//   broken GET (the set-up read before the act already showed GET by id works).
// "Did anything change?" compares representations (representation.ts: expectUnchanged).
import { ensure, expectStatus, requirementIdOf, type AnyResourceDescriptor, type CheckContext, type Exchange } from '../../src/index.js';
import { readItem, representationOf, type ItemState } from './representation.js';
import { SESSIONS_RESOURCE } from './resources.js';

const QUOTED = /^(W\/)?"[^"]+"$/;

export type VersionedState = ItemState & { etag: string };

function requireEtag(ex: Exchange, what: string): string {
  const etag = ex.headers['etag'];
  ensure(etag !== undefined && QUOTED.test(etag), `${what} should carry a quoted ETag header`, {
    expected: 'ETag: "<value>"',
    observed: etag ?? '(no ETag header)',
  }, ex);
  return etag;
}

/** Set-up: the item and its current ETag (blocked by {R}-ETAG-HEADER-QUOTED when the host sends none). `on`: the item's resource. */
export async function readVersion(t: CheckContext, id: string, label = 'read the item and its ETag', on: AnyResourceDescriptor = SESSIONS_RESOURCE): Promise<VersionedState> {
  const state = await readItem(t, id, label, on);
  const etag = await t.arrange('take the ETag header of the read', () => requireEtag(state.exchange, 'a 200 answer to GET by id'), requirementIdOf(on, 'ETAG-HEADER-QUOTED'));
  return { ...state, etag };
}

/**
 * Set-up: the item's current ETag, needed by a conditional request. A host without ETags blocks
 * the check on SES-ETAG-HEADER-QUOTED rather than failing its conditional requirement.
 */
export async function currentEtag(t: CheckContext, id: string, on: AnyResourceDescriptor = SESSIONS_RESOURCE): Promise<string> {
  return (await readVersion(t, id, 'read the current ETag', on)).etag;
}

/** Set-up: the ETag header of a write's answer, which the check compares later. */
export async function writeEtag(t: CheckContext, ex: Exchange, what: string, on: AnyResourceDescriptor = SESSIONS_RESOURCE): Promise<string> {
  return t.arrange(`take the ETag header of ${what}`, () => requireEtag(ex, `the answer to ${what}`), requirementIdOf(on, 'ETAG-HEADER-QUOTED'));
}

/** Assertion side: re-read an item that must still exist after the check's request. */
export async function readAfter(t: CheckContext, id: string, what: string, on: AnyResourceDescriptor = SESSIONS_RESOURCE): Promise<ItemState> {
  const ex = await t.step(`GET the item ${what}`, () => t.resource(on.name).get(id));
  expectStatus(ex, 200, `the item should still exist ${what}`);
  const body = (ex.json ?? {}) as Record<string, unknown>;
  return { body, etag: ex.headers['etag'], representation: representationOf(body), exchange: ex };
}
