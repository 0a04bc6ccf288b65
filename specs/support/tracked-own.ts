// A change of this check's own in /deletes or /keyChanges of any resource, for the families that
// read those lists under a condition (list-conditional: If-None-Match; snapshots: Use-Snapshot)
// without judging the lists themselves. It is the tracked-change families' own set-up
// (specs/support/tracked-changes.ts: trackedLists, ownChange), so every resource makes and finds
// its change one way: a delete is its own DELETE; a key change its own PUT (sessions) or the
// cascade of its parent's key change (a course offering's session renamed: ODS carries the new
// sessionName into the offering's key, ON UPDATE CASCADE). Every step is set-up: the endpoint
// serving, the write, and finding the change again (evidencing the list's 200 requirement).
import type { AnyResourceDescriptor, CheckContext } from '../../src/index.js';
import { ownChange, trackedLists, type TrackedList } from './tracked-changes.js';

export type TrackedKind = 'deletes' | 'keyChanges';

/** One tracked-change list of a resource: where it is, and the requirement its 200 answer evidences. */
export type TrackedEndpoint = TrackedList & { kind: TrackedKind };

/** This check's own change, found in the list: its id, its listed change version, the window start. */
export interface OwnTracked {
  id: string;
  cv: number;
  from: number;
}

/** The list of `kind` of the resource. */
export function trackedEndpoint(d: AnyResourceDescriptor, kind: TrackedKind): TrackedEndpoint {
  return { ...trackedLists(d)[kind], kind };
}

/** Set-up: the list serves, this check makes its change and finds it listed once (evidencing the list's 200 requirement). */
export async function ownTrackedChange(t: CheckContext, d: AnyResourceDescriptor, kind: TrackedKind): Promise<OwnTracked> {
  const { id, cv, from } = await ownChange(t, trackedLists(d)[kind]);
  return { id, cv, from };
}
