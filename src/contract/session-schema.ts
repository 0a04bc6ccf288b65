// The suite's single source of truth for the shape of `ed-fi/sessions` bodies (CONTRACT.md §1.2,
// §1.4, §2.1, §5). Written by us from the contract facts, as plain draft-07 JSON Schema objects;
// the generators read the constants below, the assertions compile the schemas.
// Request schemas are as strict as the contract allows (what a client may send); response schemas
// stay close to the OpenAPI so that a host is never failed for a rule the contract does not state.
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

/** Max lengths of the string properties (OpenAPI `maxLength`, CONTRACT.md §1.2). */
export const SESSION_NAME_MAX_LENGTH = 60;
export const DESCRIPTOR_MAX_LENGTH = 306;
export const GRADING_PERIOD_NAME_MAX_LENGTH = 60;
export const WEEK_IDENTIFIER_MIN_LENGTH = 5;
export const WEEK_IDENTIFIER_MAX_LENGTH = 80;
/** `totalInstructionalDays` is an int32 with `minimum: 0`. */
export const INT32_MAX = 2_147_483_647;
export const INT32_MIN = -2_147_483_648;
export const TOTAL_INSTRUCTIONAL_DAYS_MIN = 0;

/** A descriptor value is `{namespace}#{codeValue}`: a '#' with something on each side (§6). */
export const DESCRIPTOR_PATTERN = '^[^#]+#.+$';
export const DESCRIPTOR_SEPARATOR = '#';
/** ODS rejects empty and whitespace-only required strings ("…should not be left empty", §2.3). */
export const NON_BLANK_PATTERN = '\\S';
/**
 * Resource ids are GUIDs: ODS writes them in "N" format (32 lowercase hex digits, §1.2), DMS and
 * others dashed. The schema accepts both; the ODS form is the profile register's
 * `created-id-format`, checked by the creation check alone, so a dashed-id host fails one
 * requirement instead of every body validation.
 */
export const RESOURCE_ID_PATTERN = '^(?:[0-9a-fA-F]{32}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$';

/** The properties a POST/PUT body must carry (OpenAPI `required` of edFi_session). */
export const SESSION_REQUIRED_PROPERTIES = [
  'sessionName',
  'termDescriptor',
  'beginDate',
  'endDate',
  'totalInstructionalDays',
  'schoolReference',
  'schoolYearTypeReference',
] as const;
export type SessionRequiredProperty = (typeof SESSION_REQUIRED_PROPERTIES)[number];

export function isWellFormedDescriptor(value: string): boolean {
  return new RegExp(DESCRIPTOR_PATTERN).test(value);
}

/** The namespace part of a descriptor URI (everything before the last '#'). */
export function descriptorNamespace(descriptor: string): string {
  const at = descriptor.lastIndexOf(DESCRIPTOR_SEPARATOR);
  return at < 0 ? descriptor : descriptor.slice(0, at);
}

type Json = Record<string, unknown>;

const int32 = (minimum = INT32_MIN): Json => ({ type: 'integer', minimum, maximum: INT32_MAX });
const int64: Json = { type: 'integer' };
const linkSchema: Json = { type: 'object', properties: { rel: { type: 'string' }, href: { type: 'string' } } };

/** Request and response differ only in how strict the strings are; `strict` = request side. */
function sessionSchema(strict: boolean): Json {
  const text = (maxLength: number): Json =>
    strict ? { type: 'string', maxLength, pattern: NON_BLANK_PATTERN } : { type: 'string', maxLength };
  const descriptor: Json = { type: 'string', maxLength: DESCRIPTOR_MAX_LENGTH, pattern: DESCRIPTOR_PATTERN };
  const reference = (required: string[], properties: Json): Json => ({
    type: 'object',
    required,
    properties: { ...properties, link: linkSchema },
  });
  const gradingPeriodReference = reference(['gradingPeriodDescriptor', 'gradingPeriodName', 'schoolId', 'schoolYear'], {
    gradingPeriodDescriptor: descriptor,
    gradingPeriodName: text(GRADING_PERIOD_NAME_MAX_LENGTH),
    schoolId: int64,
    schoolYear: int32(),
  });
  const academicWeekReference = reference(['schoolId', 'weekIdentifier'], {
    schoolId: int64,
    weekIdentifier: {
      type: 'string',
      minLength: WEEK_IDENTIFIER_MIN_LENGTH,
      maxLength: WEEK_IDENTIFIER_MAX_LENGTH,
      ...(strict ? { pattern: NON_BLANK_PATTERN } : {}),
    },
  });
  return {
    type: 'object',
    required: [...SESSION_REQUIRED_PROPERTIES],
    properties: {
      sessionName: text(SESSION_NAME_MAX_LENGTH),
      schoolReference: reference(['schoolId'], { schoolId: int64 }),
      schoolYearTypeReference: reference(['schoolYear'], { schoolYear: int32() }),
      termDescriptor: descriptor,
      beginDate: { type: 'string', format: 'date' },
      endDate: { type: 'string', format: 'date' },
      totalInstructionalDays: int32(TOTAL_INSTRUCTIONAL_DAYS_MIN),
      gradingPeriods: {
        type: 'array',
        items: { type: 'object', required: ['gradingPeriodReference'], properties: { gradingPeriodReference } },
      },
      academicWeeks: {
        type: 'array',
        items: { type: 'object', required: ['academicWeekReference'], properties: { academicWeekReference } },
      },
    },
    // Hosts ignore unknown request properties (§1.6), so the schema allows them too.
    additionalProperties: true,
  };
}

/** What a client may send in a POST or PUT body. */
export const sessionRequestSchema: Json = sessionSchema(true);

/** One item as GET returns it: the request shape plus server-assigned members. */
export const sessionResponseSchema: Json = (() => {
  const base = sessionSchema(false);
  return {
    ...base,
    required: [...SESSION_REQUIRED_PROPERTIES, 'id', '_etag', '_lastModifiedDate'],
    properties: {
      ...(base.properties as Json),
      id: { type: 'string', pattern: RESOURCE_ID_PATTERN },
      _etag: { type: 'string', minLength: 1 },
      _lastModifiedDate: { type: 'string', format: 'date-time' },
    },
  };
})();

/** GET-many answers a JSON array of items. */
export const sessionArrayResponseSchema: Json = { type: 'array', items: sessionResponseSchema };

const trackedKeySchema: Json = {
  type: 'object',
  required: ['schoolId', 'schoolYear', 'sessionName'],
  properties: {
    sessionName: { type: 'string', maxLength: SESSION_NAME_MAX_LENGTH },
    schoolId: int64,
    schoolYear: int32(),
  },
};
// changeVersion is typed "number" in the OpenAPI but is a C# long at run time (§1.4).
const changeVersionSchema: Json = { type: 'integer', minimum: 0 };

/** One item of GET /ed-fi/sessions/deletes (§1.4, §5). */
export const sessionDeleteSchema: Json = {
  type: 'object',
  required: ['id', 'changeVersion', 'keyValues'],
  properties: { id: { type: 'string', pattern: RESOURCE_ID_PATTERN }, changeVersion: changeVersionSchema, keyValues: trackedKeySchema },
};

/** One item of GET /ed-fi/sessions/keyChanges (§1.4, §5). */
export const sessionKeyChangeSchema: Json = {
  type: 'object',
  required: ['id', 'changeVersion', 'oldKeyValues', 'newKeyValues'],
  properties: {
    id: { type: 'string', pattern: RESOURCE_ID_PATTERN },
    changeVersion: changeVersionSchema,
    oldKeyValues: trackedKeySchema,
    newKeyValues: trackedKeySchema,
  },
};

/** GET /ed-fi/sessions/partitions (7.3+, §1.4). */
export const partitionsSchema: Json = {
  type: 'object',
  required: ['pageTokens'],
  properties: { pageTokens: { type: 'array', items: { type: 'string', minLength: 1 } } },
};

/** GET {root}/changeQueries/v1/availableChangeVersions (§5). */
export const availableChangeVersionsSchema: Json = {
  type: 'object',
  required: ['oldestChangeVersion', 'newestChangeVersion'],
  properties: { oldestChangeVersion: changeVersionSchema, newestChangeVersion: changeVersionSchema },
};

/** Ed-Fi problem details (§2.1). DMS sends `correlationId: null`, so null is allowed. */
export const problemDetailsSchema: Json = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string', pattern: '^urn:ed-fi:api(:[a-z0-9-]+)*$' },
    title: { type: 'string' },
    status: { type: 'integer', minimum: 400, maximum: 599 },
    detail: { type: 'string' },
    correlationId: { type: ['string', 'null'] },
    validationErrors: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
    errors: { type: 'array', items: { type: 'string' } },
  },
};

export interface SessionValidators {
  ajv: Ajv;
  request: ValidateFunction;
  response: ValidateFunction;
  responseArray: ValidateFunction;
  delete: ValidateFunction;
  keyChange: ValidateFunction;
  partitions: ValidateFunction;
  availableChangeVersions: ValidateFunction;
  problemDetails: ValidateFunction;
}

// ajv-formats is CommonJS; under NodeNext its default import is the module object.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv,
) => Ajv;

function sessionAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: true });
  addFormats(ajv);
  return ajv;
}

/** One Ajv instance (allErrors, ajv-formats) with every schema above compiled. */
export function compileSessionValidators(): SessionValidators {
  const ajv = sessionAjv();
  return {
    ajv,
    request: ajv.compile(sessionRequestSchema),
    response: ajv.compile(sessionResponseSchema),
    responseArray: ajv.compile(sessionArrayResponseSchema),
    delete: ajv.compile(sessionDeleteSchema),
    keyChange: ajv.compile(sessionKeyChangeSchema),
    partitions: ajv.compile(partitionsSchema),
    availableChangeVersions: ajv.compile(availableChangeVersionsSchema),
    problemDetails: ajv.compile(problemDetailsSchema),
  };
}

/**
 * The one validator a run's checks use (a session as GET returns it), alone: every spec thread
 * compiles what it uses, and the other seven schemas took most of that thread's ~0.5 s of Ajv.
 */
export function compileSessionResponseValidator(): ValidateFunction {
  return sessionAjv().compile(sessionResponseSchema);
}

/** Turns an Ajv error location into the JSONPath style Ed-Fi uses (`$.gradingPeriods[0].x`). */
export function ajvErrorToJsonPath(error: { instancePath: string; keyword: string; params: Record<string, unknown> }): string {
  const segments = error.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (error.keyword === 'required' && typeof error.params.missingProperty === 'string') {
    segments.push(error.params.missingProperty);
  }
  return segments.reduce((path, s) => (/^\d+$/.test(s) ? `${path}[${s}]` : `${path}.${s}`), '$');
}
