// Requirements of the 'crud' concern: the documented write/read status codes of a session and the
// resource semantics around them (upsert, Location, key change, delete, method not allowed).
// Entries with `template:` hold for every resource (src/requirements/templates.ts: SES-… and CO-…)
// and are cited by the families in specs/families/ (create, read, update, delete, methods); the others are
// sessions' own, cited by specs/sessions.{create,update,delete,key-change}.spec.ts.
import type { CatalogueEntry } from '../templates.js';

export const crudRequirements: CatalogueEntry[] = [
  // --- POST /ed-fi/sessions -------------------------------------------------------------------
  {
    template: 'POST-201-CREATED',
    level: 'MUST',
    source: '%doc%:%op% 201',
    area: 'status',
    kind: 'create',
    statement:
      'POST of a valid %noun% with a new natural key answers 201 with no body, a Location header naming the new item and a quoted ETag.',
  },
  {
    template: 'POST-200-UPSERT',
    level: 'MUST',
    source: '%doc%:%op% 200',
    area: 'semantics',
    kind: 'create',
    statement:
      'POST of a %noun% whose natural key already exists updates that item and answers 200 with the same Location (same id) and an ETag.',
  },
  {
    template: 'POST-LOCATION-RESOLVES',
    level: 'MUST',
    source: 'CONTRACT.md §6',
    area: 'semantics',
    kind: 'create',
    statement:
      'The Location returned by a creating POST resolves with GET to the item just created, carrying the posted values and a server-assigned id.',
  },
  {
    template: 'POST-400-ID-IN-BODY',
    level: 'MUST',
    source: 'CONTRACT.md §6',
    area: 'semantics',
    kind: 'create',
    statement: 'POST with an id in the body is refused with 400 data-validation-failed: ids are assigned by the server.',
  },
  // --- GET /ed-fi/sessions/{id} ---------------------------------------------------------------
  {
    template: 'GETBYID-200-FOUND',
    level: 'MUST',
    source: '%doc%:%op% 200',
    area: 'status',
    kind: 'read',
    statement:
      'GET by the id of an existing %noun% answers 200 with the %noun% (valid against the %noun% schema) and a quoted ETag.',
  },
  {
    template: 'GETBYID-404-UNKNOWN',
    level: 'MUST',
    source: '%doc%:%op% 404',
    area: 'status',
    kind: 'read',
    statement: 'GET by a well-formed id that names no %noun% answers 404 urn:ed-fi:api:not-found.',
  },
  {
    template: 'GETBYID-400-PROFILE-USAGE',
    level: 'SHOULD',
    source: '%doc%:%op% 400',
    area: 'status',
    kind: 'read',
    statement:
      'GET by id with a writable profile-based content type in Accept (application/vnd.ed-fi.%singular%.{profile}.writable+json) is refused with 400 before any profile lookup: ODS parses profile content types in a middleware (urn:ed-fi:api:profile:invalid-profile-usage, CONTRACT.md §2.2). SHOULD, because a host without the Profiles feature ignores the header.',
  },
  {
    template: 'GETBYID-404-MALFORMED-ID',
    level: 'SHOULD',
    source: 'CONTRACT.md §6',
    area: 'status',
    kind: 'read',
    statement:
      'A malformed id on GET by id is refused: ODS 7.3 routes GET by id with {id:guid}, so a malformed id falls through to 404 not-found (CONTRACT.md §6); other profiles may answer 400 data-validation-failed instead.',
  },
  // --- PUT /ed-fi/sessions/{id} ---------------------------------------------------------------
  {
    template: 'PUT-204-UPDATED',
    level: 'MUST',
    source: '%doc%:%op% 204',
    area: 'status',
    kind: 'update',
    statement:
      'PUT of a valid %noun% to an existing id answers 204 with no body and a new quoted ETag, and the change is visible on the next GET.',
  },
  {
    template: 'PUT-404-UNKNOWN-ID',
    level: 'MUST',
    source: '%doc%:%op% 404',
    area: 'status',
    kind: 'update',
    statement: 'PUT to a well-formed id that names no %noun% answers 404 urn:ed-fi:api:not-found and creates nothing.',
  },
  {
    template: 'PUT-400-MALFORMED-ID',
    level: 'MUST',
    source: '%doc%:%op% 400',
    area: 'status',
    kind: 'update',
    statement: 'PUT to a malformed id answers 400 data-validation-failed naming the id ($.id).',
  },
  {
    template: 'PUT-BODY-ID-IGNORED',
    level: 'MUST',
    source: 'CONTRACT.md §6',
    area: 'semantics',
    kind: 'update',
    statement: 'On ODS 7.3 an id in the PUT body that differs from the route id is ignored: the route id wins and the update succeeds.',
    profiles: ['ods-7.3'],
    difference: 'put-body-id',
  },
  {
    template: 'PUT-BODY-ID-OMITTED',
    level: 'MUST',
    source: 'CONTRACT.md §6 (ODS takes the id from the route); CONTRACT.md §9 (DMS requires the body id)',
    area: 'semantics',
    kind: 'update',
    statement: 'A PUT body without an id is answered as the profile says: ODS 7.3 takes the id from the route and updates (204); DMS refuses it (400) and leaves the item unchanged.',
  },
  {
    template: 'PUT-BODY-ID-REJECTED',
    level: 'MUST',
    source: 'CONTRACT.md §9',
    area: 'semantics',
    kind: 'update',
    statement: 'On DMS an id in the PUT body that differs from the route id is refused with 400 and the item is left unchanged.',
    profiles: ['dms'],
    difference: 'put-body-id',
  },
  {
    id: 'SES-PUT-KEY-CHANGE-KEEPS-ID',
    level: 'MUST',
    source: 'CONTRACT.md §6',
    area: 'semantics',
    operation: 'PutSession',
    statement:
      'A PUT that changes sessionName (a key change) answers 204, keeps the id, and the item is found only under its new name afterwards.',
  },
  {
    id: 'SES-PUT-KEY-CHANGE-CASCADES',
    level: 'MUST',
    source: 'CONTRACT.md §6',
    area: 'semantics',
    operation: 'PutSession',
    statement: "A session key change cascades to a dependent course offering: the offering's sessionReference shows the new name.",
  },
  {
    id: 'SES-PUT-409-KEY-COLLISION',
    level: 'MUST',
    source: 'seed:PutSession 409',
    area: 'semantics',
    operation: 'PutSession',
    statement:
      'A PUT that changes the natural key to one another session already has answers 409 non-unique-identity and changes neither session.',
  },
  // --- DELETE /ed-fi/sessions/{id} ------------------------------------------------------------
  {
    template: 'DELETE-204-DELETED',
    level: 'MUST',
    source: '%doc%:%op% 204',
    area: 'status',
    kind: 'delete',
    statement: 'DELETE of an existing %noun% answers 204 with no body, and a later GET of its id answers 404.',
  },
  {
    template: 'DELETE-404-UNKNOWN-ID',
    level: 'MUST',
    source: '%doc%:%op% 404',
    area: 'status',
    kind: 'delete',
    statement: 'DELETE of a well-formed id that names no %noun% answers 404 urn:ed-fi:api:not-found.',
  },
  {
    template: 'DELETE-400-MALFORMED-ID',
    level: 'MUST',
    source: '%doc%:%op% 400',
    area: 'status',
    kind: 'delete',
    statement: 'DELETE of a malformed id answers 400 data-validation-failed naming the id ($.id).',
  },
  {
    // %dependent% is the resource whose items reference this one and block its DELETE: a course
    // offering for sessions, a section (set-up only) for course offerings.
    template: 'DELETE-409-DEPENDENT',
    level: 'MUST',
    source: '%doc%:%op% 409',
    area: 'semantics',
    kind: 'delete',
    statement: 'DELETE of %a% that %dependent% references answers 409 dependent-item-exists, and the %noun% still exists afterwards.',
  },
  // --- Method not allowed (not the snapshot case) ---------------------------------------------
  {
    template: 'POST-405-WITH-ID',
    level: 'MUST',
    source: 'CONTRACT.md §1.1',
    area: 'status',
    kind: 'create',
    statement: 'POST to %path%/{id} answers 405 urn:ed-fi:api:method-not-allowed and changes nothing.',
  },
  {
    template: 'PUT-405-NO-ID',
    level: 'MUST',
    source: 'CONTRACT.md §1.1',
    area: 'status',
    kind: 'update',
    statement: 'PUT to the collection (no id) answers 405 urn:ed-fi:api:method-not-allowed.',
  },
  {
    template: 'DELETE-405-NO-ID',
    level: 'MUST',
    source: 'CONTRACT.md §1.1',
    area: 'status',
    kind: 'delete',
    statement: 'DELETE of the collection (no id) answers 405 urn:ed-fi:api:method-not-allowed and deletes nothing.',
  },
  {
    template: 'COLLECTION-405-METHOD',
    level: 'MUST',
    source: 'CONTRACT.md §1.1',
    area: 'status',
    kind: 'list',
    statement: 'PATCH, HEAD and OPTIONS on the %collection% collection answer 405 (method-not-allowed problem where a body is allowed).',
    profiles: ['ods-7.3'],
    difference: 'collection-405',
  },
  // --- Use-Snapshot on a write: the documented 405 --------------------------------------------
  {
    template: 'POST-405-USE-SNAPSHOT',
    level: 'MUST',
    source: '%doc%:%op% 405',
    area: 'status',
    kind: 'create',
    statement:
      'POST with a Use-Snapshot header answers 405 urn:ed-fi:api:snapshots:method-not-allowed with Allow: GET, and creates nothing.',
    profiles: ['ods-7.3', 'guidelines'],
    difference: 'use-snapshot',
  },
  {
    template: 'PUT-405-USE-SNAPSHOT',
    level: 'MUST',
    source: '%doc%:%op% 405',
    area: 'status',
    kind: 'update',
    statement:
      'PUT with a Use-Snapshot header answers 405 urn:ed-fi:api:snapshots:method-not-allowed with Allow: GET, and the item is unchanged.',
    profiles: ['ods-7.3', 'guidelines'],
    difference: 'use-snapshot',
  },
  {
    template: 'DELETE-405-USE-SNAPSHOT',
    level: 'MUST',
    source: '%doc%:%op% 405',
    area: 'status',
    kind: 'delete',
    statement:
      'DELETE with a Use-Snapshot header answers 405 urn:ed-fi:api:snapshots:method-not-allowed with Allow: GET, and the item still exists.',
    profiles: ['ods-7.3', 'guidelines'],
    difference: 'use-snapshot',
  },
  {
    template: 'WRITE-405-SNAPSHOT-ANY-VALUE',
    level: 'SHOULD',
    source: 'CONTRACT.md §5',
    area: 'snapshots',
    kind: 'create',
    statement: 'On ODS 7.3 the mere presence of Use-Snapshot on a write (even the value false) answers 405 snapshots:method-not-allowed.',
    profiles: ['ods-7.3'],
    difference: 'snapshot-write-any-value',
  },
];
