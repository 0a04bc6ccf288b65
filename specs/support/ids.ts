// Identities as the list checks compare them: item ids and a session's natural key. A host may
// write an id with or without dashes and in either case (ODS: 32 hex digits; DMS: a dashed UUID),
// so an id is never compared as a raw string. One place, so every check that looks for its own
// item in a list, a tracked-change item or a walk matches it the same way.
import type { SessionPayload } from '../../src/index.js';

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
