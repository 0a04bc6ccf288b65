// Row-level reads and writes of edfi.section for the sections handlers; every function takes the
// transaction's Db. The key follows its course offering's key by cascade (schema.sql).
import type { Db } from '../../db/db.js';
import type { SectionInput } from '../../validation/section-body.js';

export interface StoredSection extends SectionInput {
  /** Dashed UUID. */
  id: string;
  /** lastmodifieddate as text with microseconds (the ETag source). */
  lastModified: string;
}

const SELECT = `
  SELECT s.id::text AS id, s.sectionidentifier, s.localcoursecode, s.schoolid,
         s.schoolyear::int AS schoolyear, s.sessionname, s.sectionname,
         to_char(s.lastmodifieddate, 'YYYY-MM-DD HH24:MI:SS.US') AS lastmodified
  FROM edfi.section s`;

function fromRow(row: Record<string, any> | undefined): StoredSection | undefined {
  if (!row) return undefined;
  return {
    id: row.id,
    sectionIdentifier: row.sectionidentifier,
    localCourseCode: row.localcoursecode,
    schoolId: Number(row.schoolid),
    schoolYear: Number(row.schoolyear),
    sessionName: row.sessionname,
    sectionName: row.sectionname ?? null,
    lastModified: row.lastmodified,
  };
}

export async function findSectionById(db: Db, id: string, forUpdate = false): Promise<StoredSection | undefined> {
  const { rows } = await db.query(`${SELECT} WHERE s.id = $1::uuid ${forUpdate ? 'FOR UPDATE OF s' : ''}`, [id]);
  return fromRow(rows[0]);
}

export async function findSectionByKey(db: Db, key: SectionInput): Promise<StoredSection | undefined> {
  const { rows } = await db.query(
    `${SELECT} WHERE s.sectionidentifier = $1 AND s.localcoursecode = $2 AND s.schoolid = $3 AND s.schoolyear = $4 AND s.sessionname = $5 FOR UPDATE`,
    [key.sectionIdentifier, key.localCourseCode, key.schoolId, key.schoolYear, key.sessionName],
  );
  return fromRow(rows[0]);
}

export async function offeringExists(db: Db, key: SectionInput): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM edfi.courseoffering WHERE localcoursecode = $1 AND schoolid = $2 AND schoolyear = $3 AND sessionname = $4', [
    key.localCourseCode,
    key.schoolId,
    key.schoolYear,
    key.sessionName,
  ]);
  return rows.length > 0;
}

/** Does a section reference the course offering with this key? (What blocks the offering's DELETE.) */
export async function sectionReferencing(db: Db, offering: Pick<SectionInput, 'localCourseCode' | 'schoolId' | 'schoolYear' | 'sessionName'>): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM edfi.section WHERE localcoursecode = $1 AND schoolid = $2 AND schoolyear = $3 AND sessionname = $4 LIMIT 1', [
    offering.localCourseCode,
    offering.schoolId,
    offering.schoolYear,
    offering.sessionName,
  ]);
  return rows.length > 0;
}

export async function insertSection(db: Db, input: SectionInput): Promise<StoredSection> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO edfi.section (sectionidentifier, localcoursecode, schoolid, schoolyear, sessionname, sectionname, createdate, lastmodifieddate)
     VALUES ($1, $2, $3, $4, $5, $6, (clock_timestamp() AT TIME ZONE 'utc'), (clock_timestamp() AT TIME ZONE 'utc'))
     RETURNING id::text AS id`,
    [input.sectionIdentifier, input.localCourseCode, input.schoolId, input.schoolYear, input.sessionName, input.sectionName],
  );
  return (await findSectionById(db, rows[0].id))!;
}

/** Rewrites the one non-key member this host keeps; the BEFORE UPDATE trigger moves lastmodifieddate. */
export async function updateSectionName(db: Db, stored: StoredSection, sectionName: string | null): Promise<StoredSection> {
  if (stored.sectionName === sectionName) return stored;
  await db.query('UPDATE edfi.section SET sectionname = $2 WHERE id = $1::uuid', [stored.id, sectionName]);
  return (await findSectionById(db, stored.id))!;
}

export async function deleteSection(db: Db, id: string): Promise<void> {
  await db.query('DELETE FROM edfi.section WHERE id = $1::uuid', [id]);
}
