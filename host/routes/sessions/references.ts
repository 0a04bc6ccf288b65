// Descriptor and reference resolution for a validated session body. A missing descriptor is a
// 400 (ODS resolves descriptors while mapping the body); a missing referenced item is a 409
// unresolved-reference naming the entity (CONTRACT.md §6).
import type { Db } from '../../db/db.js';
import { type SessionInput, splitDescriptor } from '../../validation/session-body.js';

export interface ResolvedSession extends SessionInput {
  termDescriptorId: number;
  /** Grading periods with their descriptor ids, in body order. */
  gradingPeriodRows: Array<{ descriptorId: number; name: string }>;
}

export type DescriptorResolution = { ok: true; value: ResolvedSession } | { ok: false; validationErrors: Record<string, string[]> };

/**
 * Everything a session references (descriptors, schools, school years, grading periods, academic
 * weeks) is seeded and has no write route, so a reference found once stays found for the life of
 * the database. Remembering hits (never misses) per database saves most of a write's queries; the
 * foreign keys still guard every insert.
 */
const knownReferences = new WeakMap<object, Map<string, number>>();

function cacheOf(database: object): Map<string, number> {
  let cache = knownReferences.get(database);
  if (!cache) {
    cache = new Map();
    knownReferences.set(database, cache);
  }
  return cache;
}

async function cachedLookup(db: Db, cache: Map<string, number>, key: string, sql: string, params: unknown[]): Promise<number | undefined> {
  const known = cache.get(key);
  if (known !== undefined) return known;
  const { rows } = await db.query<{ found: number }>(sql, params);
  const found = rows[0]?.found;
  if (found !== undefined) cache.set(key, Number(found));
  return found === undefined ? undefined : Number(found);
}

async function descriptorId(db: Db, cache: Map<string, number>, discriminator: string, uri: string): Promise<number | undefined> {
  const { namespace, codeValue } = splitDescriptor(uri);
  return cachedLookup(
    db,
    cache,
    JSON.stringify(['descriptor', discriminator, namespace, codeValue]),
    'SELECT descriptorid AS found FROM edfi.descriptor WHERE discriminator = $1 AND namespace = $2 AND codevalue = $3',
    [discriminator, namespace, codeValue],
  );
}

/** `database` identifies the database for the reference cache (ctx.db, also when `db` is a transaction). */
export async function resolveDescriptors(db: Db, input: SessionInput, database: object = db): Promise<DescriptorResolution> {
  const cache = cacheOf(database);
  const errors: Record<string, string[]> = {};
  const termDescriptorId = await descriptorId(db, cache, 'edfi.TermDescriptor', input.termDescriptor);
  if (termDescriptorId === undefined) errors['$.termDescriptor'] = [`TermDescriptor value '${input.termDescriptor}' does not exist.`];
  const gradingPeriodRows: ResolvedSession['gradingPeriodRows'] = [];
  for (const period of input.gradingPeriods) {
    const id = await descriptorId(db, cache, 'edfi.GradingPeriodDescriptor', period.gradingPeriodDescriptor);
    if (id === undefined) {
      errors[`${period.path}.gradingPeriodDescriptor`] = [`GradingPeriodDescriptor value '${period.gradingPeriodDescriptor}' does not exist.`];
    } else {
      gradingPeriodRows.push({ descriptorId: id, name: period.gradingPeriodName });
    }
  }
  if (Object.keys(errors).length > 0 || termDescriptorId === undefined) return { ok: false, validationErrors: errors };
  return { ok: true, value: { ...input, termDescriptorId, gradingPeriodRows } };
}

async function exists(db: Db, cache: Map<string, number>, key: unknown[], sql: string, params: unknown[]): Promise<boolean> {
  return (await cachedLookup(db, cache, JSON.stringify(key), sql, params)) !== undefined;
}

/** The entity name of the first reference that does not resolve, or undefined when all do. */
export async function findUnresolvedReference(db: Db, session: ResolvedSession, database: object = db): Promise<string | undefined> {
  const cache = cacheOf(database);
  if (!(await exists(db, cache, ['school', session.schoolId], 'SELECT 1 AS found FROM edfi.school WHERE schoolid = $1', [session.schoolId]))) return 'School';
  const year = ['schoolYear', session.schoolYear];
  if (!(await exists(db, cache, year, 'SELECT 1 AS found FROM edfi.schoolyeartype WHERE schoolyear = $1', [session.schoolYear]))) return 'SchoolYearType';
  for (const period of session.gradingPeriodRows) {
    const params = [period.descriptorId, period.name, session.schoolId, session.schoolYear];
    const found = await exists(
      db,
      cache,
      ['gradingPeriod', ...params],
      `SELECT 1 AS found FROM edfi.gradingperiod
       WHERE gradingperioddescriptorid = $1 AND gradingperiodname = $2 AND schoolid = $3 AND schoolyear = $4`,
      params,
    );
    if (!found) return 'GradingPeriod';
  }
  for (const week of session.academicWeeks) {
    const params = [session.schoolId, week.weekIdentifier];
    const found = await exists(db, cache, ['academicWeek', ...params], 'SELECT 1 AS found FROM edfi.academicweek WHERE schoolid = $1 AND weekidentifier = $2', params);
    if (!found) return 'AcademicWeek';
  }
  return undefined;
}
