// What a CRUD check compares once it has read a session back: its id (in whatever GUID form the
// host writes it) and the values a client sent. The comparison is about the data, not about how
// the host renders it: "81" and 81, or "2024-08-23T00:00:00" and "2024-08-23", are the same value
// here, because the representation belongs to SES-GETBYID-200-FOUND and its schema check, not to
// the upsert, update or Location requirement that asks "was the value stored?". A body that lacks
// a member the contract requires cannot be compared at all: that blocks the check on
// SES-GETBYID-200-FOUND instead of failing it.
import { ensure, type CheckContext, type Exchange, type SessionPayload } from '../../src/index.js';

/** An id without dashes or braces, lower-case: ODS writes 32 hex digits, other hosts dashed UUIDs. */
export function normalId(id: unknown): string {
  return String(id ?? '').toLowerCase().replace(/[{}-]/g, '');
}

/** Whether two ids name the same GUID, whatever form each is written in. */
export function sameId(a: unknown, b: unknown): boolean {
  return normalId(a) !== '' && normalId(a) === normalId(b);
}

/** The last path segment of a Location header (relative or absolute). */
export function idInLocation(location: string): string {
  return new URL(location, 'http://x.invalid').pathname.split('/').filter(Boolean).pop() ?? '';
}

/** The members every session body carries (CONTRACT.md §1.2); without them nothing can be compared. */
const REQUIRED = ['sessionName', 'schoolReference', 'schoolYearTypeReference', 'termDescriptor', 'beginDate', 'endDate', 'totalInstructionalDays'] as const;

type Body = Record<string, unknown>;

const text = (value: unknown): string => (value === undefined || value === null ? '(absent)' : String(value));
const day = (value: unknown): string => text(value).slice(0, 10);

/** A child reference as comparable text: its key members (links dropped), descriptors lower-cased. */
function childKeys(items: unknown, member: string): string[] {
  return (Array.isArray(items) ? items : [])
    .map((item) => {
      const { link: _link, ...ref } = ((item as Body)?.[member] ?? {}) as Body;
      return Object.keys(ref)
        .sort()
        .map((k) => `${k}=${/descriptor$/i.test(k) ? text(ref[k]).toLowerCase() : text(ref[k])}`)
        .join('&');
    })
    .sort();
}

/** The values of a session body (sent or read), normalised as described in the header. */
export function sessionValues(body: Body | SessionPayload): Record<string, unknown> {
  const b = body as Body;
  const school = (b.schoolReference ?? {}) as Body;
  const year = (b.schoolYearTypeReference ?? {}) as Body;
  return {
    sessionName: text(b.sessionName),
    schoolId: text(school.schoolId),
    schoolYear: text(year.schoolYear),
    termDescriptor: text(b.termDescriptor).toLowerCase(),
    beginDate: day(b.beginDate),
    endDate: day(b.endDate),
    totalInstructionalDays: text(b.totalInstructionalDays),
    gradingPeriods: childKeys(b.gradingPeriods, 'gradingPeriodReference'),
    academicWeeks: childKeys(b.academicWeeks, 'academicWeekReference'),
  };
}

/**
 * The check's own assertion that a session read back carries the values that were sent. First a
 * set-up gate: the body must be an object with the members the contract requires (else the check
 * is blocked by SES-GETBYID-200-FOUND, the requirement about the representation).
 */
export async function expectSessionValues(t: CheckContext, read: Exchange, sent: SessionPayload, what: string): Promise<void> {
  const body = await t.arrange('the session read back has the members the contract requires', () => {
    const json = read.json as Body | undefined;
    const missing = json && typeof json === 'object' && !Array.isArray(json) ? REQUIRED.filter((m) => json[m] === undefined) : [...REQUIRED];
    ensure(missing.length === 0, 'a session read by id should carry every required member', { expected: REQUIRED.join(', '), observed: { missing, body: read.text } }, read);
    return json as Body;
  }, 'SES-GETBYID-200-FOUND');
  const expected = sessionValues(sent);
  const observed = sessionValues(body);
  ensure(JSON.stringify(observed) === JSON.stringify(expected), what, { expected, observed }, read);
}
