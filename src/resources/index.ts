// The resources the suite knows, in two explicit lists: RESOURCES, the ones it checks (the order
// families, requirement templates, --resource and reports use), and SET_UP_RESOURCES, the ones it
// only creates as another's set-up (a section, so a course offering has a dependent) and its
// ledger and sweep delete. Lookups by name or path see both.
import { courseOfferings } from './course-offerings.js';
import { sections } from './sections.js';
import { sessions } from './sessions.js';
import type { AnyResourceDescriptor, ResourceName } from './types.js';

export { sessions } from './sessions.js';
export { courseOfferings } from './course-offerings.js';
export { sections } from './sections.js';
export { memberAt, naturalKeyOf, sameNaturalKey } from './key.js';
export { documentedPairs, hasDeleteBlockingDependent } from './pairs.js';
export type { AnyResourceDescriptor, Dependent, Prerequisite, ResourceDescriptor, ResourceFactory, ResourceName } from './types.js';

/** Each descriptor widened to the generic view (its payload and parents are JSON records at run time). */
const generic = (d: object): AnyResourceDescriptor => d as AnyResourceDescriptor;

/** The resources the suite checks. */
export const RESOURCES: readonly AnyResourceDescriptor[] = [generic(sessions), generic(courseOfferings)];

/** Resources created only as set-up of another's check: no family, no --resource, no report of their own. */
export const SET_UP_RESOURCES: readonly AnyResourceDescriptor[] = [generic(sections)];

/** Every resource the suite may create (what the ledger, the sweep and the resource clients know). */
export const KNOWN_RESOURCES: readonly AnyResourceDescriptor[] = [...RESOURCES, ...SET_UP_RESOURCES];

export function resourceByName(name: string): AnyResourceDescriptor | undefined {
  return KNOWN_RESOURCES.find((r) => r.name === name);
}

/** Only created as set-up (SET_UP_RESOURCES): whether the target serves it is asked where it is needed. */
export function isSetUpOnly(name: string): boolean {
  return SET_UP_RESOURCES.some((r) => r.name === name);
}
