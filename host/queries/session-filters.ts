// The filters GET-many and /partitions share (CONTRACT.md §1.3): property equality, the
// change-version window (only while change queries are on) and the client's school scope.
import { sessionSchoolPredicate } from '../auth/authorize.js';
import type { HostContext, HostRequest } from '../http/types.js';
import type { QueryBinder } from './query-binder.js';
import { SqlWhere } from './sql-where.js';

/**
 * Binds the filter parameters and returns the WHERE over alias `s`. Binding errors are left
 * in `binder.errors` for the caller to report. Unknown parameters are ignored, as in ODS.
 */
export function sessionFilters(binder: QueryBinder, req: HostRequest, ctx: HostContext): SqlWhere {
  const where = new SqlWhere();
  const sessionName = binder.string('sessionName');
  const schoolId = binder.int64('schoolId');
  const schoolYear = binder.int32('schoolYear');
  const termDescriptor = binder.string('termDescriptor');
  const beginDate = binder.date('beginDate');
  const endDate = binder.date('endDate');
  const id = binder.guid('id');
  const totalInstructionalDays = binder.int32('totalInstructionalDays');

  if (sessionName !== undefined) where.and(`s.sessionname = ${where.param(sessionName)}`);
  if (schoolId !== undefined) where.and(`s.schoolid = ${where.param(schoolId)}::bigint`);
  // Compare as int: a year outside smallint must match nothing, not fail the cast.
  if (schoolYear !== undefined) where.and(`s.schoolyear::int = ${where.param(schoolYear)}::int`);
  if (termDescriptor !== undefined) {
    // The URI resolves to a descriptor id; an unknown URI matches nothing.
    where.and(`s.termdescriptorid = (SELECT d.descriptorid FROM edfi.descriptor d
      WHERE d.discriminator = 'edfi.TermDescriptor' AND d.namespace || '#' || d.codevalue = ${where.param(termDescriptor)})`);
  }
  if (beginDate !== undefined) where.and(`s.begindate = ${where.param(beginDate)}::date`);
  if (endDate !== undefined) where.and(`s.enddate = ${where.param(endDate)}::date`);
  if (id !== undefined) where.and(`s.id = ${where.param(id)}::uuid`);
  if (totalInstructionalDays !== undefined) where.and(`s.totalinstructionaldays = ${where.param(totalInstructionalDays)}::int`);

  changeVersionWindow(binder, ctx, where, 's.changeversion');
  schoolScope(req, where, 's.schoolid');
  return where;
}

/** minChangeVersion/maxChangeVersion, both inclusive; ignored as unknown when change queries are off. */
export function changeVersionWindow(binder: QueryBinder, ctx: HostContext, where: SqlWhere, column: string): void {
  if (!ctx.settings.changeQueries) return;
  const min = binder.int64('minChangeVersion');
  const max = binder.int64('maxChangeVersion');
  if (min !== undefined) where.and(`${column} >= ${where.param(min)}::bigint`);
  if (max !== undefined) where.and(`${column} <= ${where.param(max)}::bigint`);
}

/** A client whose claim covers only some education organizations sees only their sessions. */
export function schoolScope(req: HostRequest, where: SqlWhere, column: string): void {
  where.and(sessionSchoolPredicate(req.client, column, where.params));
}
