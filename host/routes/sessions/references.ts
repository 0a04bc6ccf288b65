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

async function descriptorId(db: Db, discriminator: string, uri: string): Promise<number | undefined> {
  const { namespace, codeValue } = splitDescriptor(uri);
  const { rows } = await db.query<{ descriptorid: number }>(
    'SELECT descriptorid FROM edfi.descriptor WHERE discriminator = $1 AND namespace = $2 AND codevalue = $3',
    [discriminator, namespace, codeValue],
  );
  return rows[0]?.descriptorid;
}

export async function resolveDescriptors(db: Db, input: SessionInput): Promise<DescriptorResolution> {
  const errors: Record<string, string[]> = {};
  const termDescriptorId = await descriptorId(db, 'edfi.TermDescriptor', input.termDescriptor);
  if (termDescriptorId === undefined) errors['$.termDescriptor'] = [`TermDescriptor value '${input.termDescriptor}' does not exist.`];
  const gradingPeriodRows: ResolvedSession['gradingPeriodRows'] = [];
  for (const period of input.gradingPeriods) {
    const id = await descriptorId(db, 'edfi.GradingPeriodDescriptor', period.gradingPeriodDescriptor);
    if (id === undefined) {
      errors[`${period.path}.gradingPeriodDescriptor`] = [`GradingPeriodDescriptor value '${period.gradingPeriodDescriptor}' does not exist.`];
    } else {
      gradingPeriodRows.push({ descriptorId: id, name: period.gradingPeriodName });
    }
  }
  if (Object.keys(errors).length > 0 || termDescriptorId === undefined) return { ok: false, validationErrors: errors };
  return { ok: true, value: { ...input, termDescriptorId, gradingPeriodRows } };
}

async function exists(db: Db, sql: string, params: unknown[]): Promise<boolean> {
  const { rows } = await db.query(sql, params);
  return rows.length > 0;
}

/** The entity name of the first reference that does not resolve, or undefined when all do. */
export async function findUnresolvedReference(db: Db, session: ResolvedSession): Promise<string | undefined> {
  if (!(await exists(db, 'SELECT 1 FROM edfi.school WHERE schoolid = $1', [session.schoolId]))) return 'School';
  if (!(await exists(db, 'SELECT 1 FROM edfi.schoolyeartype WHERE schoolyear = $1', [session.schoolYear]))) return 'SchoolYearType';
  for (const period of session.gradingPeriodRows) {
    const found = await exists(
      db,
      `SELECT 1 FROM edfi.gradingperiod
       WHERE gradingperioddescriptorid = $1 AND gradingperiodname = $2 AND schoolid = $3 AND schoolyear = $4`,
      [period.descriptorId, period.name, session.schoolId, session.schoolYear],
    );
    if (!found) return 'GradingPeriod';
  }
  for (const week of session.academicWeeks) {
    const found = await exists(db, 'SELECT 1 FROM edfi.academicweek WHERE schoolid = $1 AND weekidentifier = $2', [session.schoolId, week.weekIdentifier]);
    if (!found) return 'AcademicWeek';
  }
  return undefined;
}
