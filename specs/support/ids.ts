// Identities as the list checks compare them: item ids and a session's natural key. A host may
// write an id with or without dashes and in either case (ODS: 32 hex digits; DMS: a dashed UUID),
// so an id is never compared as a raw string. One place, so every check that looks for its own
// item in a list, a tracked-change item or a walk matches it the same way. A tracked key (any
// resource's natural key as /deletes and /keyChanges report it) is the leaf of each key member.
import { memberAt, type AnyResourceDescriptor, type SessionPayload } from '../../src/index.js';

export type Key = { schoolId: number; schoolYear: number; sessionName: string };

/** The comparable form of an id: no dashes, lower case. */
export const idKey = (id: unknown): string => String(id).replace(/-/g, '').toLowerCase();

export const sameId = (a: unknown, b: string): boolean => typeof a === 'string' && idKey(a) === idKey(b);

/** The natural key of a session payload, as /deletes and /keyChanges report it. */
export const keyOf = (p: SessionPayload): Key => ({ schoolId: p.schoolReference.schoolId, schoolYear: p.schoolYearTypeReference.schoolYear, sessionName: p.sessionName });

export const sameKey = (a: Partial<Key> | undefined, b: Key): boolean => !!a && a.schoolId === b.schoolId && a.schoolYear === b.schoolYear && a.sessionName === b.sessionName;

/** A well-formed natural key: two integers and a name. */
export const isKey = (k: unknown): boolean => {
  const v = k as Partial<Key> | undefined;
  return !!v && typeof v === 'object' && Number.isSafeInteger(v.schoolId) && Number.isSafeInteger(v.schoolYear) && typeof v.sessionName === 'string';
};

/** Any resource's natural key as /deletes and /keyChanges report it: { leaf of each key member: value }. */
export type TrackedKey = Record<string, unknown>;

/** The tracked key of an item of `resource` ({ schoolId, schoolYear, sessionName } for a session). */
export function trackedKeyOf(resource: Pick<AnyResourceDescriptor, 'naturalKey'>, item: unknown): TrackedKey {
  return Object.fromEntries(resource.naturalKey.map((path) => [path.split('.').pop()!, memberAt(item, path)]));
}

/** `a` holds every member of `b` with the same value. */
export const sameTrackedKey = (a: unknown, b: TrackedKey): boolean =>
  !!a && typeof a === 'object' && Object.keys(b).every((k) => (a as TrackedKey)[k] === b[k]);

/** `k` is a key of the same members and kinds as `like`: an integer where it has a number, a string where it has one. */
export function isKeyLike(k: unknown, like: TrackedKey): boolean {
  if (!k || typeof k !== 'object') return false;
  const v = k as TrackedKey;
  return Object.keys(like).every((m) => (typeof like[m] === 'number' ? Number.isSafeInteger(v[m]) : typeof v[m] === typeof like[m]));
}
