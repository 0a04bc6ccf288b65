// Validation faults (CONTRACT.md §2.3, §6): ids accepted in POST bodies, limits not enforced,
// references reported with the wrong status, parse errors escaping as 500s, odd-but-valid bodies
// refused, media types not checked.
import { dataValidationFailed, notFoundGeneric } from '../../http/problems.js';
import type { HostRequest, HostResponse } from '../../http/types.js';
import type { Fault } from '../types.js';
import { hasProblemType, idFromPath, isOperation, isPlainObject, problemBody, requestJson, systemError, withJsonBody, withRequestHeader } from './match.js';

const isSessionBodyWrite = (req: HostRequest): boolean => isOperation(req, 'PostSession', 'PutSession');

/** The properties of edFi_session (CONTRACT.md §1.2), plus what ODS ignores on input. */
const SESSION_PROPERTIES = [
  'id',
  'sessionName',
  'schoolReference',
  'schoolYearTypeReference',
  'academicWeeks',
  'beginDate',
  'endDate',
  'gradingPeriods',
  'termDescriptor',
  'totalInstructionalDays',
  '_etag',
  '_lastModifiedDate',
  '_ext',
  'link',
];
const KNOWN_LOWER = new Set(SESSION_PROPERTIES.map((name) => name.toLowerCase()));

function dataValidationProblem(req: HostRequest, validationErrors: Record<string, string[]>): HostResponse {
  return dataValidationFailed(req.correlationId, validationErrors);
}

/** Rewrites the top-level JSON object of a POST/PUT body; other bodies pass unchanged. */
function editSessionBody(req: HostRequest, edit: (body: Record<string, unknown>) => Record<string, unknown> | undefined): HostRequest {
  if (!isSessionBodyWrite(req)) return req;
  const body = requestJson(req);
  if (!isPlainObject(body)) return req;
  const edited = edit({ ...body });
  return edited === undefined ? req : withJsonBody(req, edited);
}

function unresolvedAs(status: 400 | 500) {
  return (req: HostRequest, res: HostResponse): HostResponse => {
    if (!hasProblemType(res, 'urn:ed-fi:api:data-conflict:unresolved-reference')) return res;
    if (status === 500) return systemError(req);
    const detail = String(problemBody(res)?.detail ?? 'A referenced item does not exist.');
    return dataValidationProblem(req, { $: [detail] });
  };
}

// ---- PutBodyIdRequired -----------------------------------------------------------------------
// The refusal must come where the host's own body validation comes (after authentication, the
// Use-Snapshot rule, the media type, the id and the claim checks), so the fault makes an id-less
// body invalid in a way the host refuses anyway (a negative totalInstructionalDays), then reports
// the missing id beside whatever else the host found wrong, as a validator that checks the whole
// body does.
const SABOTAGE_PATH = '$.totalInstructionalDays';
/** Id-less PUTs the fault broke, and whether the body was already wrong at the sabotaged member. */
const idlessPuts = new WeakMap<HostRequest, { ownNegativeDays: boolean }>();

function breakIdlessPut(req: HostRequest): HostRequest {
  if (!isOperation(req, 'PutSession')) return req;
  const body = requestJson(req);
  if (!isPlainObject(body) || body.id !== undefined) return req;
  const broken = withJsonBody(req, { ...body, totalInstructionalDays: -1 });
  idlessPuts.set(broken, { ownNegativeDays: typeof body.totalInstructionalDays === 'number' && body.totalInstructionalDays < 0 });
  return broken;
}

function idRequiredProblem(req: HostRequest, res: HostResponse): HostResponse {
  const broken = idlessPuts.get(req);
  if (broken === undefined || res.status !== 400) return res;
  const found = problemBody(res)?.validationErrors;
  const others = Object.entries(isPlainObject(found) ? found : {}).filter(([path]) => path !== SABOTAGE_PATH || broken.ownNegativeDays);
  return dataValidationProblem(req, {
    '$.id': ['id is required in the request body and must match the id in the url.'],
    ...Object.fromEntries(others.map(([path, messages]) => [path, Array.isArray(messages) ? messages.map(String) : [String(messages)]])),
  });
}

export const validationFaults: Fault[] = [
  {
    id: 'PutBodyIdRequired',
    description: 'A PUT whose body has no id is refused with 400 data-validation-failed naming $.id.',
    models: 'DMS-style "the body must carry the resource id" validation on a host that claims ODS 7.3 behaviour, where ODS takes the id from the URL.',
    violates: ['SES-PUT-BODY-ID-OMITTED'],
    onRequest: breakIdlessPut,
    onResponse: idRequiredProblem,
  },
  {
    id: 'IdInPostBodyAccepted',
    description: 'A POST body carrying an id is accepted (the id silently dropped) instead of 400.',
    models: 'A host that ignores client-supplied ids on create instead of refusing them as ODS does.',
    violates: ['SES-POST-400-ID-IN-BODY'],
    onRequest: (req) =>
      isOperation(req, 'PostSession')
        ? editSessionBody(req, (body) => {
            const key = Object.keys(body).find((name) => name.toLowerCase() === 'id');
            if (key === undefined) return undefined;
            delete body[key];
            return body;
          })
        : req,
  },
  {
    id: 'UnresolvedReferenceAnswers400',
    description: 'A reference that names nothing is answered 400 data-validation-failed instead of 409 unresolved-reference.',
    models: 'A host that validates references up front as input validation, where ODS reports a conflict with stored data.',
    violates: ['SES-POST-409-UNRESOLVED', 'SES-PUT-409-UNRESOLVED', 'CO-POST-409-UNRESOLVED', 'CO-PUT-409-UNRESOLVED'],
    onResponse: unresolvedAs(400),
  },
  {
    id: 'UnresolvedReferenceAnswers500',
    description: 'A reference that names nothing is answered 500 instead of 409 unresolved-reference.',
    models: 'A foreign-key violation that escapes the repository untranslated.',
    violates: ['SES-POST-409-UNRESOLVED', 'SES-PUT-409-UNRESOLVED', 'CO-POST-409-UNRESOLVED', 'CO-PUT-409-UNRESOLVED'],
    onResponse: unresolvedAs(500),
  },
  {
    id: 'SessionNameTruncated',
    description: 'A sessionName longer than 60 characters is truncated and stored instead of refused.',
    models: 'A varchar column with silent truncation (e.g. a MySQL non-strict mode) and no length validation in front of it.',
    violates: ['SES-POST-400-VALIDATION', 'SES-PUT-400-VALIDATION'],
    onRequest: (req) =>
      editSessionBody(req, (body) =>
        typeof body.sessionName === 'string' && body.sessionName.length > 60 ? { ...body, sessionName: body.sessionName.slice(0, 60) } : undefined,
      ),
  },
  {
    id: 'NegativeInstructionalDaysClamped',
    description: 'A negative totalInstructionalDays is stored as 0 instead of refused.',
    models: 'A setter that clamps out-of-range numbers instead of validating the minimum.',
    violates: ['SES-POST-400-VALIDATION', 'SES-PUT-400-VALIDATION'],
    onRequest: (req) =>
      editSessionBody(req, (body) =>
        typeof body.totalInstructionalDays === 'number' && body.totalInstructionalDays < 0 ? { ...body, totalInstructionalDays: 0 } : undefined,
      ),
  },
  {
    id: 'MalformedJsonAnswers500',
    description: 'A POST or PUT body that is not valid JSON answers 500 instead of 400.',
    models: 'A JSON parse exception thrown from the model binder and caught only by the last-chance handler.',
    violates: ['SES-POST-400-VALIDATION', 'SES-PUT-400-VALIDATION'],
    onRequest: (req) => (isSessionBodyWrite(req) && req.body.length > 0 && requestJson(req) === undefined ? systemError(req) : req),
  },
  {
    id: 'ValidationPathsWithoutRoot',
    description: "validationErrors keys lose their '$.' prefix (sessionName instead of $.sessionName).",
    models: 'A host that reports model-state keys as the framework names them instead of as JSONPath.',
    // Every resource's validation errors: course offerings' malformed-id refusals name $.id too.
    violates: [
      'SES-POST-400-VALIDATION',
      'SES-PUT-400-VALIDATION',
      'CO-PUT-400-MALFORMED-ID',
      'CO-DELETE-400-MALFORMED-ID',
      // The refusals the validation family generates name the member's path too.
      'CO-POST-400-REQUIRED-MISSING', 'CO-PUT-400-REQUIRED-MISSING', 'CO-POST-400-TOO-LONG', 'CO-PUT-400-TOO-LONG', 'CO-POST-400-WRONG-TYPE', 'CO-PUT-400-WRONG-TYPE', 'SES-POST-400-WRONG-TYPE', 'SES-PUT-400-WRONG-TYPE',
    ],
    onResponse: (_req, res) => {
      const body = problemBody(res);
      if (body === undefined || !isPlainObject(body.validationErrors)) return res;
      const renamed = Object.fromEntries(Object.entries(body.validationErrors).map(([path, messages]) => [path.replace(/^\$\.?/, '') || 'body', messages]));
      return { ...res, body: { ...body, validationErrors: renamed } };
    },
  },
  {
    id: 'UnknownPropertyRejected',
    description: 'A POST or PUT body with a property the session schema does not define is refused with 400.',
    models: 'A strict deserializer (additionalProperties: false) on a host that claims ODS behaviour, which ignores unknown members.',
    violates: ['SES-POST-ODD-ACCEPTED'],
    onRequest: (req) => {
      if (!isSessionBodyWrite(req)) return req;
      const body = requestJson(req);
      if (!isPlainObject(body)) return req;
      const unknown = Object.keys(body).filter((name) => !KNOWN_LOWER.has(name.toLowerCase()));
      return unknown.length === 0 ? req : dataValidationProblem(req, Object.fromEntries(unknown.map((name) => [`$.${name}`, [`'${name}' is not a known property.`]])));
    },
  },
  {
    id: 'PropertyNamesCaseSensitive',
    description: 'Property names are matched case-sensitively: "SessionName" is treated as missing.',
    models: 'A case-sensitive JSON binder (as DMS has) on a host that claims ODS 7.3, whose Newtonsoft binder ignores case.',
    violates: ['SES-POST-ODD-ACCEPTED'],
    onRequest: (req) =>
      editSessionBody(req, (body) => {
        const miscased = Object.keys(body).filter((name) => KNOWN_LOWER.has(name.toLowerCase()) && !SESSION_PROPERTIES.includes(name));
        if (miscased.length === 0) return undefined;
        for (const name of miscased) delete body[name];
        return body;
      }),
  },
  {
    id: 'ContentTypeNotChecked',
    description: 'POST and PUT bodies are parsed as JSON whatever their Content-Type (missing or text/plain) instead of 415.',
    models: 'A body parser that sniffs JSON instead of honouring the declared media type.',
    violates: ['SES-POST-415-MEDIA-TYPE', 'SES-PUT-415-MEDIA-TYPE'],
    onRequest: (req) =>
      isSessionBodyWrite(req) && !(req.headers['content-type'] ?? '').toLowerCase().includes('json')
        ? withRequestHeader(req, 'content-type', 'application/json')
        : req,
  },
  {
    id: 'MalformedIdOnWriteAnswers404',
    description: 'PUT and DELETE to a malformed id answer 404 instead of 400 naming $.id.',
    models: 'Write routes constrained to GUIDs like the read route, so a malformed id never reaches the id validator.',
    violates: ['SES-PUT-400-MALFORMED-ID', 'SES-DELETE-400-MALFORMED-ID'],
    onResponse: (req, res) => {
      const body = problemBody(res);
      if (!isOperation(req, 'PutSession', 'DeleteSessionById') || res.status !== 400 || !isPlainObject(body?.validationErrors) || !('$.id' in body.validationErrors)) return res;
      return notFoundGeneric(req.correlationId);
    },
  },
  {
    id: 'PutBodyIdMustMatchRoute',
    description: 'A PUT whose body id differs from the route id is refused with 400 instead of ignoring the body id.',
    models: 'DMS-style "body id must match the URL" validation on a host that claims ODS 7.3 behaviour.',
    violates: ['SES-PUT-BODY-ID-IGNORED'],
    onRequest: (req) => {
      if (!isOperation(req, 'PutSession')) return req;
      const body = requestJson(req);
      const routeId = idFromPath(req);
      if (!isPlainObject(body) || typeof body.id !== 'string' || routeId === undefined || body.id.toLowerCase() === routeId.toLowerCase()) return req;
      return dataValidationProblem(req, { '$.id': ['Request body id must match the id in the url.'] });
    },
  },
  {
    id: 'MalformedIdReadAnswers500',
    description: 'GET by a malformed id (not a GUID) answers 500 instead of 404 (or 400).',
    models: 'An id parsed with Guid.Parse (throwing) instead of a route constraint or TryParse.',
    violates: ['SES-GETBYID-404-MALFORMED-ID'],
    onRequest: (req) => {
      const id = idFromPath(req);
      return isOperation(req, 'GetSessionsById') && id !== undefined && !/^[0-9a-f]{32}$|^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i.test(id) ? systemError(req) : req;
    },
  },
  {
    id: 'ProfileContentTypeIgnored',
    description: 'GET by id ignores a writable profile-based content type in Accept and serves the item with 200.',
    models: 'A host without the profile content-type middleware (or with the Profiles feature off) that silently ignores vnd.ed-fi media types.',
    violates: ['SES-GETBYID-400-PROFILE-USAGE'],
    onRequest: (req) => {
      if (!isOperation(req, 'GetSessionsById') || !/vnd\.ed-fi\./i.test(req.headers.accept ?? '')) return req;
      return { ...req, headers: { ...req.headers, accept: 'application/json' } };
    },
  },
  {
    id: 'NumericStringsRejected',
    description: 'A number sent as a numeric string ("81") is refused with 400 instead of being coerced.',
    models: 'A strict JSON binder (System.Text.Json defaults) where ODS, on Newtonsoft, coerces numeric strings.',
    violates: ['SES-POST-ODD-ACCEPTED', 'SES-PUT-204-UPDATED'],
    onRequest: (req) => {
      const body = isSessionBodyWrite(req) ? requestJson(req) : undefined;
      return isPlainObject(body) && typeof body.totalInstructionalDays === 'string'
        ? dataValidationProblem(req, { '$.totalInstructionalDays': ['The JSON value could not be converted to System.Int32.'] })
        : req;
    },
  },
  {
    id: 'ReadOnlyMembersRejected',
    description: 'A POST or PUT body carrying _etag or _lastModifiedDate is refused with 400 instead of ignoring them.',
    models: 'A request schema generated from the response schema with read-only members marked as forbidden input.',
    violates: ['SES-POST-ODD-ACCEPTED', 'SES-PUT-204-UPDATED'],
    onRequest: (req) => {
      const body = isSessionBodyWrite(req) ? requestJson(req) : undefined;
      const readOnly = isPlainObject(body) ? Object.keys(body).filter((k) => k === '_etag' || k === '_lastModifiedDate') : [];
      return readOnly.length > 0 ? dataValidationProblem(req, Object.fromEntries(readOnly.map((k) => [`$.${k}`, [`${k} is read-only.`]]))) : req;
    },
  },
  {
    id: 'NonIsoDatesRejected',
    description: 'beginDate/endDate written other than yyyy-mm-dd (e.g. "8/7/2024") are refused with 400.',
    models: 'A date parser pinned to ISO 8601 where ODS (Newtonsoft) and DMS also read US month/day/year dates.',
    violates: ['SES-POST-ODD-ACCEPTED', 'SES-PUT-204-UPDATED'],
    onRequest: (req) => {
      const body = isSessionBodyWrite(req) ? requestJson(req) : undefined;
      if (!isPlainObject(body)) return req;
      const odd = ['beginDate', 'endDate'].filter((k) => typeof body[k] === 'string' && /^\d{1,2}\/\d{1,2}\/\d{4}$/.test(body[k] as string));
      return odd.length > 0 ? dataValidationProblem(req, Object.fromEntries(odd.map((k) => [`$.${k}`, [`${k} must be a date in yyyy-MM-dd format.`]]))) : req;
    },
  },
  {
    id: 'ReferenceExtrasRejected',
    description: 'A reference carrying members beyond its keys (link, a DS 4 periodSequence) is refused with 400.',
    models: 'Reference objects validated with additionalProperties: false, where ODS ignores link and unknown members on input.',
    violates: ['SES-POST-ODD-ACCEPTED', 'SES-PUT-204-UPDATED'],
    onRequest: (req) => {
      const body = isSessionBodyWrite(req) ? requestJson(req) : undefined;
      if (!isPlainObject(body)) return req;
      const references: Array<[string, unknown]> = [
        ['$.schoolReference', body.schoolReference],
        ['$.schoolYearTypeReference', body.schoolYearTypeReference],
        ...(Array.isArray(body.gradingPeriods) ? body.gradingPeriods : []).map((g, i): [string, unknown] => [`$.gradingPeriods[${i}].gradingPeriodReference`, isPlainObject(g) ? g.gradingPeriodReference : undefined]),
        ...(Array.isArray(body.academicWeeks) ? body.academicWeeks : []).map((w, i): [string, unknown] => [`$.academicWeeks[${i}].academicWeekReference`, isPlainObject(w) ? w.academicWeekReference : undefined]),
      ];
      const extras = references.filter(([, ref]) => isPlainObject(ref) && Object.keys(ref).some((k) => k === 'link' || k === 'periodSequence'));
      return extras.length > 0 ? dataValidationProblem(req, Object.fromEntries(extras.map(([path]) => [path, ['The reference has members that are not part of its key.']]))) : req;
    },
  },
  {
    id: 'SessionNameMaxLengthOffByOne',
    description: 'A sessionName of exactly 60 characters (its maxLength) is refused with 400.',
    models: 'A length check written with < instead of <=, so the longest valid name is refused.',
    violates: ['SES-POST-MAXLENGTH-ACCEPTED'],
    onRequest: (req) => {
      const body = isSessionBodyWrite(req) ? requestJson(req) : undefined;
      return isPlainObject(body) && typeof body.sessionName === 'string' && body.sessionName.length >= 60
        ? dataValidationProblem(req, { '$.sessionName': ['SessionName must be at most 59 characters in length.'] })
        : req;
    },
  },
  {
    id: 'SessionChildCollectionsRequired',
    description: 'A session body without the gradingPeriods or academicWeeks member (both optional) is refused with 400 "… is required."',
    models: 'A binder that treats collection members as required because the entity initialises them, narrowing the contract.',
    violates: ['SES-POST-OPTIONAL-ABSENT-ACCEPTED'],
    onRequest: (req) => {
      const body = isSessionBodyWrite(req) ? requestJson(req) : undefined;
      if (!isPlainObject(body)) return req;
      const absent = ['gradingPeriods', 'academicWeeks'].filter((k) => body[k] === undefined);
      return absent.length > 0 ? dataValidationProblem(req, Object.fromEntries(absent.map((k) => [`$.${k}`, [`${k.charAt(0).toUpperCase()}${k.slice(1)} is required.`]]))) : req;
    },
  },
];
