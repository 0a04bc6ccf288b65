// The resources the suite knows, in one explicit list (the order checks and reports use).
import { courseOfferings } from './course-offerings.js';
import { sessions } from './sessions.js';
import type { AnyResourceDescriptor, ResourceName } from './types.js';

export { sessions } from './sessions.js';
export { courseOfferings } from './course-offerings.js';
export { memberAt, naturalKeyOf, sameNaturalKey } from './key.js';
export { documentedPairs, hasDeleteBlockingDependent } from './pairs.js';
export type { AnyResourceDescriptor, Dependent, Prerequisite, ResourceDescriptor, ResourceFactory, ResourceName } from './types.js';

/** Each descriptor widened to the generic view (its payload and parents are JSON records at run time). */
const generic = (d: object): AnyResourceDescriptor => d as AnyResourceDescriptor;

export const RESOURCES: readonly AnyResourceDescriptor[] = [generic(sessions), generic(courseOfferings)];

export function resourceByName(name: string): AnyResourceDescriptor | undefined {
  return RESOURCES.find((r) => r.name === name);
}
