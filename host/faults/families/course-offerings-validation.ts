// Course-offering body-validation faults: how a vendor's validation of ed-fi/courseOfferings bodies
// goes wrong (a maxLength not enforced, a required reference filled in, wrong JSON types coerced,
// an unknown member refused, an off-by-one maxLength, an optional member required, an unresolved
// reference answered as a validation error), so the kill matrix proves the checks the validation
// family generates for course offerings, and the CO 409 checks, can fail on their own. Each acts
// through request/response hooks on course-offering writes only (./course-offerings.ts
// courseOfferingOperationOf); sessions are left alone.
import { dataValidationFailed } from '../../http/problems.js';
import type { HostRequest, HostResponse } from '../../http/types.js';
import type { Fault } from '../types.js';
import { courseOfferingOperationOf } from './course-offerings.js';
import { hasProblemType, isPlainObject, problemBody, requestJson, withJsonBody } from './match.js';

const isOfferingWrite = (req: HostRequest): boolean => {
  const op = courseOfferingOperationOf(req);
  return op === 'PostCourseOffering' || op === 'PutCourseOffering';
};

/** Rewrites the JSON object body of a course-offering POST/PUT; `edit` returns undefined to leave it as sent. */
function editOfferingBody(req: HostRequest, edit: (body: Record<string, unknown>) => Record<string, unknown> | undefined): HostRequest {
  if (!isOfferingWrite(req)) return req;
  const body = requestJson(req);
  if (!isPlainObject(body)) return req;
  const edited = edit({ ...body });
  return edited === undefined ? req : withJsonBody(req, edited);
}

/** Answers a course-offering POST/PUT whose body `refuse` objects to with a 400 naming the member. */
function refuseOfferingBody(req: HostRequest, refuse: (body: Record<string, unknown>) => Record<string, string[]> | undefined): HostRequest | HostResponse {
  if (!isOfferingWrite(req)) return req;
  const body = requestJson(req);
  const errors = isPlainObject(body) ? refuse(body) : undefined;
  return errors ? dataValidationFailed(req.correlationId, errors) : req;
}

/** The members of edFi_courseOffering (ODS 7.3 OpenAPI), plus what ODS ignores on input. */
const OFFERING_MEMBERS = new Set([
  'id', 'localCourseCode', 'courseReference', 'schoolReference', 'sessionReference', 'courseLevelCharacteristics', 'curriculumUseds',
  'instructionalTimePlanned', 'localCourseTitle', 'offeredGradeLevels', '_etag', '_lastModifiedDate', '_ext', 'link',
].map((m) => m.toLowerCase()));

const TEXT_MAX = 60;

export const courseOfferingValidationFaults: Fault[] = [
  {
    id: 'CoLocalCourseTitleTruncated',
    description: 'A localCourseTitle longer than 60 characters is cut to 60 and stored (201/204) instead of refused with 400.',
    models: 'A host that relies on a varchar(60) column that silently truncates, with no maxLength check in its own validation.',
    violates: ['CO-POST-400-TOO-LONG', 'CO-PUT-400-TOO-LONG'],
    onRequest: (req) =>
      editOfferingBody(req, (b) => (typeof b.localCourseTitle === 'string' && b.localCourseTitle.length > TEXT_MAX ? { ...b, localCourseTitle: b.localCourseTitle.slice(0, TEXT_MAX) } : undefined)),
  },
  {
    id: 'CoSchoolReferenceFilledFromSession',
    description: 'A course offering without schoolReference (or with one lacking schoolId) takes the school of its sessionReference and is stored.',
    models: 'A host that "helpfully" derives the unified schoolId from the other reference instead of requiring the reference the contract marks required.',
    violates: ['CO-POST-400-REQUIRED-MISSING', 'CO-PUT-400-REQUIRED-MISSING'],
    onRequest: (req) =>
      editOfferingBody(req, (b) => {
        const school = b.schoolReference;
        const lacking = school === undefined || school === null || (isPlainObject(school) && (school.schoolId === undefined || school.schoolId === null));
        const session = b.sessionReference;
        if (!lacking || !isPlainObject(session) || session.schoolId === undefined) return undefined;
        return { ...b, schoolReference: { schoolId: session.schoolId } };
      }),
  },
  {
    id: 'CoWrongTypesCoerced',
    description: 'Values of the wrong JSON type are coerced instead of refused: a non-numeric instructionalTimePlanned is dropped, an object or array localCourseTitle is stored as its JSON text.',
    models: 'A lenient binder (parseInt that yields NaN → null, String(value) for objects) in front of an entity that accepts what it gets.',
    violates: ['CO-POST-400-WRONG-TYPE', 'CO-PUT-400-WRONG-TYPE'],
    onRequest: (req) =>
      editOfferingBody(req, (b) => {
        let out: Record<string, unknown> | undefined;
        const minutes = b.instructionalTimePlanned;
        if (typeof minutes === 'string' && !/^\s*[-+]?\d+\s*$/.test(minutes)) {
          out = { ...b };
          delete out.instructionalTimePlanned;
        }
        const title = b.localCourseTitle;
        if (title !== null && typeof title === 'object') out = { ...(out ?? b), localCourseTitle: JSON.stringify(title).slice(0, TEXT_MAX) };
        return out;
      }),
  },
  {
    id: 'CoUnknownMembersRefused',
    description: 'A course-offering body with a member the contract does not know is refused with 400 instead of the member being ignored.',
    models: 'A host that switched its JSON binder to strict mode (MissingMemberHandling.Error, additionalProperties: false) for this resource.',
    violates: ['CO-POST-UNKNOWN-MEMBER-IGNORED'],
    onRequest: (req) =>
      refuseOfferingBody(req, (b) => {
        const unknown = Object.keys(b).filter((k) => !OFFERING_MEMBERS.has(k.toLowerCase()));
        return unknown.length ? Object.fromEntries(unknown.map((k) => [`$.${k}`, [`The member '${k}' is not part of CourseOffering.`]])) : undefined;
      }),
  },
  {
    id: 'CoMaxLengthOffByOne',
    description: 'A localCourseCode or localCourseTitle of exactly 60 characters (their maxLength) is refused with 400.',
    models: 'A length check written with < instead of <=, so the longest valid value is refused.',
    violates: ['CO-POST-MAXLENGTH-ACCEPTED'],
    onRequest: (req) =>
      refuseOfferingBody(req, (b) => {
        const long = ['localCourseCode', 'localCourseTitle'].filter((k) => typeof b[k] === 'string' && (b[k] as string).length >= TEXT_MAX);
        return long.length ? Object.fromEntries(long.map((k) => [`$.${k}`, [`${k.charAt(0).toUpperCase()}${k.slice(1)} must be at most ${TEXT_MAX - 1} characters in length.`]])) : undefined;
      }),
  },
  {
    id: 'CoInstructionalTimeRequired',
    description: 'A course offering without instructionalTimePlanned (optional in the contract) is refused with 400 "InstructionalTimePlanned is required."',
    models: 'A vendor that made a column NOT NULL in its own schema and mirrors that in validation, narrowing the contract.',
    violates: ['CO-POST-OPTIONAL-ABSENT-ACCEPTED'],
    onRequest: (req) =>
      refuseOfferingBody(req, (b) =>
        b.instructionalTimePlanned === undefined || b.instructionalTimePlanned === null ? { '$.instructionalTimePlanned': ['InstructionalTimePlanned is required.'] } : undefined),
  },
  {
    id: 'CoUnresolvedReferenceAs400',
    description: 'A course-offering write whose course or session does not exist answers 400 data-validation-failed instead of 409 unresolved-reference.',
    models: 'A host that checks reference existence in its validation layer and reports it as a validation error, as the API guidelines allow but ODS does not.',
    violates: ['CO-POST-409-UNRESOLVED', 'CO-PUT-409-UNRESOLVED'],
    onResponse: (req: HostRequest, res: HostResponse): HostResponse => {
      if (!isOfferingWrite(req) || !hasProblemType(res, 'urn:ed-fi:api:data-conflict:unresolved-reference')) return res;
      return dataValidationFailed(req.correlationId, { $: [String(problemBody(res)?.detail ?? 'A referenced item does not exist.')] });
    },
  },
];
