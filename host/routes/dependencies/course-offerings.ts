// /ed-fi/courseOfferings: the one writable dependent of a session. It references a session by
// natural key, so a session key change cascades into it and its existence blocks a session
// DELETE (409 dependent-item-exists). POST upserts by (localCourseCode, school, session).
import { authorizeDependencyWrite } from '../../auth/authorize.js';
import { formatResourceId, parseResourceId } from '../../http/resource-id.js';
import { etagFromTimestamp, quoteEtag } from '../../http/etag.js';
import { constructedIncorrectly, dataValidationFailed, notFound, unresolvedReference } from '../../http/problems.js';
import type { HostContext, HostRequest, HostResponse } from '../../http/types.js';
import { hasMember, isPlainObject, member, readJsonBody } from '../../validation/json-body.js';
import { toInteger, toText } from '../../validation/scalars.js';
import type { Readable } from './read-handlers.js';
import { link, stamp } from './resources.js';

const hex = (column: string) => `replace(${column}::text, '-', '')`;

export const courseOfferingResource: Readable = {
  select: `SELECT ${hex('o.id')} AS rid, o.localcoursecode, o.schoolid, o.schoolyear::int AS schoolyear, o.sessionname,
           o.coursecode, o.educationorganizationid, o.localcoursetitle, ${hex('sc.id')} AS school_rid,
           ${hex('se.id')} AS session_rid, ${hex('c.id')} AS course_rid,
           to_char(o.lastmodifieddate, 'YYYY-MM-DD HH24:MI:SS.US') AS lm
           FROM edfi.courseoffering o
           JOIN edfi.school sc ON sc.schoolid = o.schoolid
           JOIN edfi.session se ON se.schoolid = o.schoolid AND se.schoolyear = o.schoolyear AND se.sessionname = o.sessionname
           JOIN edfi.course c ON c.coursecode = o.coursecode AND c.educationorganizationid = o.educationorganizationid
           WHERE TRUE`,
  orderBy: 'o.aggregateid',
  idColumn: 'o.id',
  filters: [
    { param: 'localCourseCode', column: 'o.localcoursecode', type: 'text' },
    { param: 'schoolId', column: 'o.schoolid', type: 'integer' },
    { param: 'schoolYear', column: 'o.schoolyear', type: 'integer' },
    { param: 'sessionName', column: 'o.sessionname', type: 'text' },
    { param: 'courseCode', column: 'o.coursecode', type: 'text' },
  ],
  render: (row: Record<string, any>) => ({
    id: row.rid,
    localCourseCode: row.localcoursecode,
    courseReference: {
      courseCode: row.coursecode,
      educationOrganizationId: Number(row.educationorganizationid),
      link: link('Course', 'courses', row.course_rid),
    },
    schoolReference: { schoolId: Number(row.schoolid), link: link('School', 'schools', row.school_rid) },
    sessionReference: {
      schoolId: Number(row.schoolid),
      schoolYear: Number(row.schoolyear),
      sessionName: row.sessionname,
      link: link('Session', 'sessions', row.session_rid),
    },
    localCourseTitle: row.localcoursetitle ?? undefined,
    ...stamp(row),
  }),
};


interface CourseOfferingInput {
  localCourseCode: string;
  schoolId: number;
  schoolYear: number;
  sessionName: string;
  courseCode: string;
  educationOrganizationId: number;
  localCourseTitle?: string;
}

const BIG = { min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER };

function validate(body: unknown): { value: CourseOfferingInput } | { errors: Record<string, string[]> } {
  const errors: Record<string, string[]> = {};
  const add = (path: string, message: string) => (errors[path] ??= []).push(message);
  if (!isPlainObject(body)) return { errors: { $: ['The request body must be a JSON object.'] } };
  const text = (obj: Record<string, unknown>, name: string, path: string, required: boolean): string | undefined => {
    const raw = member(obj, name);
    if (raw === undefined || raw === null) {
      if (required) add(path, `${name} is required.`);
      return undefined;
    }
    const converted = toText(raw, name);
    if (!converted.ok) return void add(path, converted.message);
    if (required && converted.value.trim() === '') return void add(path, `${name} is required and should not be left empty.`);
    if (converted.value.length > 60) return void add(path, `${name} must be at most 60 characters in length.`);
    return converted.value;
  };
  const integer = (obj: Record<string, unknown>, name: string, path: string): number | undefined => {
    const raw = member(obj, name);
    if (raw === undefined || raw === null) return void add(path, `${name} is required.`);
    const converted = toInteger(raw, name, BIG.min, BIG.max);
    return converted.ok ? converted.value : void add(path, converted.message);
  };
  const reference = (name: string): Record<string, unknown> | undefined => {
    const raw = member(body, name);
    if (!isPlainObject(raw)) return void add(`$.${name}`, `${name} is required.`);
    return raw;
  };
  const localCourseCode = text(body, 'localCourseCode', '$.localCourseCode', true);
  const localCourseTitle = text(body, 'localCourseTitle', '$.localCourseTitle', false);
  const course = reference('courseReference');
  const school = reference('schoolReference');
  const session = reference('sessionReference');
  const courseCode = course && text(course, 'courseCode', '$.courseReference.courseCode', true);
  const educationOrganizationId = course && integer(course, 'educationOrganizationId', '$.courseReference.educationOrganizationId');
  const schoolId = school && integer(school, 'schoolId', '$.schoolReference.schoolId');
  const sessionSchoolId = session && integer(session, 'schoolId', '$.sessionReference.schoolId');
  const schoolYear = session && integer(session, 'schoolYear', '$.sessionReference.schoolYear');
  const sessionName = session && text(session, 'sessionName', '$.sessionReference.sessionName', true);
  if (schoolId !== undefined && sessionSchoolId !== undefined && schoolId !== sessionSchoolId) {
    add('$.sessionReference.schoolId', `All values supplied for 'schoolId' must match. Review all references (including those of any child collections) and align the following conflicting values: '${schoolId}', '${sessionSchoolId}'`);
  }
  if (Object.keys(errors).length > 0) return { errors };
  return {
    value: {
      localCourseCode: localCourseCode!,
      schoolId: schoolId!,
      schoolYear: schoolYear!,
      sessionName: sessionName!,
      courseCode: courseCode!,
      educationOrganizationId: educationOrganizationId!,
      localCourseTitle,
    },
  };
}

export async function postCourseOffering(req: HostRequest, ctx: HostContext): Promise<HostResponse> {
  const denied = authorizeDependencyWrite(req);
  if (denied) return denied;
  const body = readJsonBody(req, 'bad-request');
  if (!body.ok) return body.response;
  const checked = validate(body.value);
  if ('errors' in checked) return dataValidationFailed(req.correlationId, checked.errors);
  if (isPlainObject(body.value) && hasMember(body.value, 'id')) {
    return constructedIncorrectly(req.correlationId, "Resource identifiers cannot be assigned by the client. The 'id' property should not be included in the request body.");
  }
  const input = checked.value;
  return ctx.db.transaction(async (tx) => {
    const school = await tx.query('SELECT 1 FROM edfi.school WHERE schoolid = $1', [input.schoolId]);
    if (school.rows.length === 0) return unresolvedReference(req.correlationId, 'School');
    const session = await tx.query('SELECT 1 FROM edfi.session WHERE schoolid = $1 AND schoolyear = $2 AND sessionname = $3', [
      input.schoolId,
      input.schoolYear,
      input.sessionName,
    ]);
    if (session.rows.length === 0) return unresolvedReference(req.correlationId, 'Session');
    const course = await tx.query('SELECT 1 FROM edfi.course WHERE coursecode = $1 AND educationorganizationid = $2', [
      input.courseCode,
      input.educationOrganizationId,
    ]);
    if (course.rows.length === 0) return unresolvedReference(req.correlationId, 'Course');
    const key = [input.localCourseCode, input.schoolId, input.schoolYear, input.sessionName];
    const existing = await tx.query<{ id: string; coursecode: string; educationorganizationid: number; localcoursetitle: string | null }>(
      `SELECT id::text AS id, coursecode, educationorganizationid, localcoursetitle FROM edfi.courseoffering
       WHERE localcoursecode = $1 AND schoolid = $2 AND schoolyear = $3 AND sessionname = $4 FOR UPDATE`,
      key,
    );
    let id: string;
    let status: 200 | 201;
    const stored = existing.rows[0];
    if (stored) {
      id = stored.id;
      status = 200;
      const changed =
        stored.coursecode !== input.courseCode ||
        Number(stored.educationorganizationid) !== input.educationOrganizationId ||
        (stored.localcoursetitle ?? undefined) !== input.localCourseTitle;
      if (changed) {
        await tx.query('UPDATE edfi.courseoffering SET coursecode = $2, educationorganizationid = $3, localcoursetitle = $4 WHERE id = $1::uuid', [
          id,
          input.courseCode,
          input.educationOrganizationId,
          input.localCourseTitle ?? null,
        ]);
      }
    } else {
      const inserted = await tx.query<{ id: string }>(
        `INSERT INTO edfi.courseoffering (localcoursecode, schoolid, schoolyear, sessionname, coursecode, educationorganizationid,
           localcoursetitle, lastmodifieddate)
         VALUES ($1, $2, $3, $4, $5, $6, $7, (clock_timestamp() AT TIME ZONE 'utc')) RETURNING id::text AS id`,
        [...key, input.courseCode, input.educationOrganizationId, input.localCourseTitle ?? null],
      );
      id = inserted.rows[0].id;
      status = 201;
    }
    const { rows } = await tx.query<{ lm: string }>(
      `SELECT to_char(lastmodifieddate, 'YYYY-MM-DD HH24:MI:SS.US') AS lm FROM edfi.courseoffering WHERE id = $1::uuid`,
      [id],
    );
    return {
      status,
      headers: {
        Location: `${ctx.rootUrl}/data/v3/ed-fi/courseOfferings/${formatResourceId(id)}`,
        ETag: quoteEtag(etagFromTimestamp(rows[0].lm)),
      },
    };
  });
}

export async function deleteCourseOffering(req: HostRequest, ctx: HostContext, rawId: string): Promise<HostResponse> {
  const id = parseResourceId(rawId);
  if (!id) return dataValidationFailed(req.correlationId, { '$.id': [`The value '${rawId}' is not valid.`] });
  const denied = authorizeDependencyWrite(req);
  if (denied) return denied;
  const result = await ctx.db.query('DELETE FROM edfi.courseoffering WHERE id = $1::uuid', [id]);
  if (!result.affectedRows) return notFound(req.correlationId, 'Resource to delete was not found.');
  return { status: 204 };
}
