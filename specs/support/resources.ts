// The resource a support helper works on when a sessions spec does not name one, and the member a
// helper lists a resource's items by. Sessions checks call the helpers as they always did; family
// checks (specs/families/) pass their descriptor.
import { RESOURCES, type AnyResourceDescriptor } from '../../src/index.js';

export const SESSIONS_RESOURCE: AnyResourceDescriptor = RESOURCES.find((r) => r.name === 'sessions')!;

/**
 * The top-level natural-key member every built item has run-unique (sessionName, localCourseCode):
 * a GET-many filtered on it answers only the check's own item. It is the one key member that is
 * neither a reference nor shared with other checks' items.
 */
export function nameMemberOf(resource: Pick<AnyResourceDescriptor, 'naturalKey' | 'name'>): string {
  const member = resource.naturalKey.find((k) => !k.includes('.'));
  if (!member) throw new Error(`${resource.name} has no top-level natural-key member to list its items by`);
  return member;
}

/** The resource's noun without its article: 'session', 'course offering'. */
export function nounOf(resource: Pick<AnyResourceDescriptor, 'title'>): string {
  return resource.title.replace(/^an? /, '');
}

/** The singular name Ed-Fi content types use ('session', 'courseOffering'): the schema name without 'edFi_'. */
export function singularOf(resource: Pick<AnyResourceDescriptor, 'schema'>): string {
  return resource.schema.replace(/^edFi_/, '');
}

/** The top-level members two payloads differ in (what a descriptor's nonKeyChange changed). */
export function changedMembers(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}
