// What a CRUD check compares once it has read a session back: its id (in whatever GUID form the
// host writes it) and the values a client sent. The comparison is about the data, not about how
// the host renders it: "81" and 81, or "2024-08-23T00:00:00" and "2024-08-23", are the same value
// here, because the representation belongs to SES-GETBYID-200-FOUND and its schema check, not to
// the upsert, update or Location requirement that asks "was the value stored?". A body that lacks
// a member the contract requires cannot be compared at all: that blocks the check on
// SES-GETBYID-200-FOUND instead of failing it.
// Another resource's values are compared member by member as sent (expectStoredValues), with the
// same normalisations, its required members read from the contract's schema.
import { ensure, requiredMembers, requirementIdOf, type AnyResourceDescriptor, type CheckContext, type Exchange, type SessionPayload } from '../../src/index.js';

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

/** A sent value normalised as above: scalars as text (dates as days, descriptors lower-cased), links dropped, lists sorted. */
function normalised(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => JSON.stringify(normalised(v))).sort();
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).filter((k) => k !== 'link').sort().map((k) => [k, normalised((value as Body)[k], k)]));
  }
  if (/descriptor$/i.test(key)) return text(value).toLowerCase();
  return /^\d{4}-\d{2}-\d{2}(T00:00:00(\.0+)?Z?)?$/.test(text(value)) ? day(value) : text(value);
}

/** The read body cut to the members that were sent (objects member by member, lists whole). */
function asSent(sent: unknown, read: unknown): unknown {
  if (sent && typeof sent === 'object' && !Array.isArray(sent)) {
    const r = (read && typeof read === 'object' ? read : {}) as Body;
    return Object.fromEntries(Object.keys(sent).map((k) => [k, asSent((sent as Body)[k], r[k])]));
  }
  return read;
}

/**
 * The check's own assertion that an item read back carries the values that were sent, for any
 * resource: sessions exactly as expectSessionValues; another resource after the same kind of gate
 * (its contract-required members present, else blocked by {R}-GETBYID-200-FOUND).
 */
export async function expectStoredValues(t: CheckContext, read: Exchange, sent: Record<string, unknown>, what: string, on: AnyResourceDescriptor): Promise<void> {
  if (on.name === 'sessions') return expectSessionValues(t, read, sent as unknown as SessionPayload, what);
  const required = requiredMembers(on);
  const noun = on.title.replace(/^an? /, '');
  const body = await t.arrange(`the ${noun} read back has the members the contract requires`, () => {
    const json = read.json as Body | undefined;
    const missing = json && typeof json === 'object' && !Array.isArray(json) ? required.filter((m) => json[m] === undefined) : required;
    ensure(missing.length === 0, `${on.title} read by id should carry every required member`, { expected: required.join(', '), observed: { missing, body: read.text } }, read);
    return json as Body;
  }, requirementIdOf(on, 'GETBYID-200-FOUND'));
  const values = { ...sent };
  delete values.id; // the route id a PUT body may carry is not a stored value
  const expected = normalised(values);
  const observed = normalised(asSent(values, body));
  ensure(JSON.stringify(observed) === JSON.stringify(expected), what, { expected, observed }, read);
}
