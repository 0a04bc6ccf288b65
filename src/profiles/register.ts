// The profile register: every difference between ODS/API 7.3, the Data Management Service and the
// Ed-Fi API guidelines that changes what a check expects, as one named entry with its source.
// Checks never branch on the profile name; they ask the register (`t.decide(Differences.x)`), and
// the entry's id is recorded on the check (`decidedBy`) so the report says which difference
// decided a profile-dependent verdict. A new host flavour means a new column here, not new `if`s.
import type { Profile } from '../requirements/types.js';

export interface ProfileDifference<T> {
  /** kebab-case, stable: 'put-body-id'. */
  id: string;
  /** What differs, in one sentence. */
  topic: string;
  /** Where each value comes from. */
  source: string;
  values: Record<Profile, T>;
}

function difference<T>(entry: ProfileDifference<T>): ProfileDifference<T> {
  return entry;
}

/** Which body a problem-details answer must have. */
export type ProblemBodyRule =
  /** ODS 7.3: type, title, status, detail; validationErrors keyed by JSON path, compared case-insensitively. */
  | 'ods'
  /** DMS: as ODS, and validationErrors {} and errors [] always present; paths compared case-sensitively. */
  | 'dms'
  /** The guidelines: the status code and its meaning; the body's shape is not prescribed. */
  | 'status-only';

export const Differences = {
  problemBody: difference<ProblemBodyRule>({
    id: 'problem-body',
    topic: 'What an error body must contain besides the status',
    source: 'CONTRACT.md §2.1, §9 (ODS and DMS problem details); the Ed-Fi API guidelines prescribe status codes, not bodies',
    values: { 'ods-7.3': 'ods', dms: 'dms', guidelines: 'status-only' },
  }),
  problemTypes: difference<boolean>({
    id: 'problem-types',
    topic: 'Whether the problem `type` URN is compared exactly',
    source: 'CONTRACT.md §2.2 (ODS 7.3 and DMS share the urn:ed-fi:api:… types); the guidelines name none',
    values: { 'ods-7.3': true, dms: true, guidelines: false },
  }),
  problemNamesParameter: difference<boolean>({
    id: 'problem-names-parameter',
    topic: 'Whether a refused query parameter must be named in the problem body',
    source: 'CONTRACT.md §4 (ODS and DMS name it in errors[]); not a guideline requirement',
    values: { 'ods-7.3': true, dms: true, guidelines: false },
  }),
  unknownIdFormat: difference<'hex32' | 'uuid'>({
    id: 'unknown-id-format',
    topic: 'The form of a well-formed id that names no item',
    source: 'CONTRACT.md §6 (ODS writes 32 lower-case hex digits; DMS and others dashed UUIDs)',
    values: { 'ods-7.3': 'hex32', dms: 'uuid', guidelines: 'uuid' },
  }),
  createdIdFormat: difference<'hex32' | 'any'>({
    id: 'created-id-format',
    topic: 'Whether the id in a Location header has a prescribed form',
    source: 'CONTRACT.md §6 (ODS: 32 lower-case hex digits)',
    values: { 'ods-7.3': 'hex32', dms: 'any', guidelines: 'any' },
  }),
  malformedIdOnRead: difference<readonly number[]>({
    id: 'malformed-id-on-read',
    topic: 'The status of GET by id with a malformed id',
    source: 'CONTRACT.md §6 (ODS routes {id:guid}: 404); DMS validates the id: 400',
    values: { 'ods-7.3': [404], dms: [400, 404], guidelines: [400, 404] },
  }),
  putLocation: difference<boolean>({
    id: 'put-location',
    topic: 'Whether a PUT 204 carries the Location of the item',
    source: 'CONTRACT.md §3 (ODS 7.3 sets Location on PUT)',
    values: { 'ods-7.3': true, dms: false, guidelines: false },
  }),
  conditionalWriteToMissingItem: difference<readonly number[]>({
    id: 'conditional-write-missing-item',
    topic: 'The status of a PUT with If-Match to an id that names no item',
    source: 'CONTRACT.md §3 (ODS: 404); DMS etag scenario 09 (412)',
    values: { 'ods-7.3': [404], dms: [404, 412], guidelines: [404, 412] },
  }),
  putBodyIdDiffering: difference<'ignored' | 'rejected' | 'either'>({
    id: 'put-body-id',
    topic: 'A PUT body whose id differs from the route id',
    source: 'CONTRACT.md §3, ANCHORS-2 §2.4 (ODS ignores the body id; DMS refuses a mismatch with 400)',
    values: { 'ods-7.3': 'ignored', dms: 'rejected', guidelines: 'either' },
  }),
  putBodyIdOmitted: difference<'accepted' | 'rejected' | 'either'>({
    id: 'put-body-id-omitted',
    topic: 'A PUT body without an id',
    source: 'CONTRACT.md §3 (ODS takes the id from the route; DMS requires the body id)',
    values: { 'ods-7.3': 'accepted', dms: 'rejected', guidelines: 'either' },
  }),
  ifNoneMatchForm: difference<'bare' | 'quoted'>({
    id: 'if-none-match-form',
    topic: 'How a client sends an ETag back in If-None-Match',
    source: "Ed-Fi's ODS Postman suite strips the quotes; RFC 9110 and DMS use the quoted value",
    values: { 'ods-7.3': 'bare', dms: 'quoted', guidelines: 'quoted' },
  }),
  discoveryUrls: difference<readonly string[]>({
    id: 'discovery-urls',
    topic: 'The urls the discovery document must name',
    source: 'CONTRACT.md §7 (ODS: dataManagementApi and oauth; DMS: dataManagementApi)',
    values: { 'ods-7.3': ['dataManagementApi', 'oauth'], dms: ['dataManagementApi'], guidelines: [] },
  }),
  useSnapshot: difference<'honoured' | 'ignored'>({
    id: 'use-snapshot',
    topic: 'The Use-Snapshot header',
    source: 'CONTRACT.md §5 (ODS: reads from the snapshot, 404 without one, 405 on writes); ANCHORS-2 §2.4 item 2 (DMS silently ignores it)',
    values: { 'ods-7.3': 'honoured', dms: 'ignored', guidelines: 'honoured' },
  }),
  snapshotNotFoundExplained: difference<boolean>({
    id: 'snapshot-404-explained',
    topic: 'Whether a 404 for a missing snapshot must say so in its body',
    source: 'CONTRACT.md §5, §2.2 (ODS: "Snapshot not found")',
    values: { 'ods-7.3': true, dms: false, guidelines: false },
  }),
  smallPartitions: difference<boolean>({
    id: 'allow-small-partitions',
    topic: "Whether ODS's undocumented allowSmallPartitions parameter may be sent",
    source: 'ANCHORS-2 §2.4 item 1 (ODS accepts it; DMS refuses it with 400)',
    values: { 'ods-7.3': true, dms: false, guidelines: false },
  }),
  unresolvedReference: difference<readonly number[]>({
    id: 'unresolved-reference',
    topic: 'The status of a write whose reference names no item',
    source: 'CONTRACT.md §6 (ODS and DMS: 409 unresolved-reference); ANCHORS-2 §2.4 item 10 (the guideline: 400)',
    values: { 'ods-7.3': [409], dms: [409], guidelines: [400, 409] },
  }),
  tokenBodyCredentials: difference<boolean>({
    id: 'token-body-credentials',
    topic: 'Whether the token endpoint must accept client_id and client_secret in the form body',
    source: 'CONTRACT.md §7 (ODS takes the key and secret from a Basic header or from the body); RFC 6749 §2.3.1 makes only HTTP Basic mandatory for a server; DMS documents Basic (ANCHORS-2 §2.4 item 8)',
    values: { 'ods-7.3': true, dms: false, guidelines: false },
  }),
  tokenBothCredentials: difference<boolean>({
    id: 'token-both-credentials',
    topic: 'Whether credentials both in the Basic header and in the body must be refused with 400 invalid_client',
    source: 'CONTRACT.md §7 (ODS: 400 invalid_client); RFC 6749 §2.3 forbids a client two methods but prescribes no answer; nothing documented for DMS',
    values: { 'ods-7.3': true, dms: false, guidelines: false },
  }),
  oldestChangeVersionZero: difference<boolean>({
    id: 'oldest-change-version-zero',
    topic: 'Whether availableChangeVersions must give oldestChangeVersion 0',
    source: 'CONTRACT.md §5, §9 (ODS 7.x and DMS: always 0); the guidelines prescribe no value',
    values: { 'ods-7.3': true, dms: true, guidelines: false },
  }),
  deletesRecreated: difference<boolean>({
    id: 'deletes-recreated',
    topic: 'Whether /deletes leaves out a natural key that exists again, and lists a key deleted twice as two items',
    source: 'CONTRACT.md §5 (ODS tracked-change queries; Postman ChangeQueries suite); not documented for DMS nor in the guidelines',
    values: { 'ods-7.3': true, dms: false, guidelines: false },
  }),
  keyChangesCollapse: difference<boolean>({
    id: 'key-changes-collapse',
    topic: 'Whether several key changes of one id inside the window collapse into one /keyChanges item',
    source: 'CONTRACT.md §5 (ODS KeyChangesQueryTemplatePreparer); not documented for DMS nor in the guidelines',
    values: { 'ods-7.3': true, dms: false, guidelines: false },
  }),
  changeQueriesDisabled: difference<boolean>({
    id: 'change-queries-disabled',
    topic: 'Whether /deletes and /keyChanges answer 404 feature-disabled when change queries are switched off',
    source: 'CONTRACT.md §5 (ODS FeatureManagement:ChangeQueries=false, Postman disabled-features suite); DMS and the guidelines document no such switch',
    values: { 'ods-7.3': true, dms: false, guidelines: false },
  }),
  collection405: difference<boolean>({
    id: 'collection-405',
    topic: 'Whether PATCH, HEAD and OPTIONS on the sessions collection must answer 405',
    source: 'CONTRACT.md §1.1 (ODS, Postman GetAll_405_Tests); RFC 9110 §9.3.2 lets a server answer HEAD as GET, so DMS and the guidelines are not held to it',
    values: { 'ods-7.3': true, dms: false, guidelines: false },
  }),
  snapshotReads: difference<boolean>({
    id: 'snapshot-reads',
    topic: 'Whether a read with Use-Snapshot: true is served from a snapshot (404 not-found when none exists)',
    source: 'CONTRACT.md §5 (ODS 7.x SnapshotContextActionFilter); ANCHORS-2 §2.4 item 2 (DMS ignores the header); the guidelines define no snapshot header',
    values: { 'ods-7.3': true, dms: false, guidelines: false },
  }),
  snapshotWriteAnyValue: difference<boolean>({
    id: 'snapshot-write-any-value',
    topic: 'Whether the mere presence of Use-Snapshot on a write (any value, even false) answers 405',
    source: 'CONTRACT.md §5 (ODS: any non-GET method with the header, whatever its value)',
    values: { 'ods-7.3': true, dms: false, guidelines: false },
  }),
  postIfMatch: difference<'upsert-checked' | 'stale-refused' | 'not-required'>({
    id: 'post-if-match',
    topic: 'If-Match on a POST that upserts an existing item',
    source: 'CONTRACT.md §3 (ODS: current ETag → 200, stale → 412); RFC 9110 §13.1.1 (a false If-Match → 412) is what the guidelines keep; DMS documents no If-Match on POST',
    values: { 'ods-7.3': 'upsert-checked', dms: 'not-required', guidelines: 'stale-refused' },
  }),
  defaultPageSize: difference<number | null>({
    id: 'default-page-size',
    topic: 'How many items GET-many returns without limit',
    source: "CONTRACT.md §4, §9 (ODS DefaultPageSizeLimit 500); ANCHORS-2 §2.4 item 1 (DMS 500; the published OpenAPI says 25, and the guidelines pin neither)",
    values: { 'ods-7.3': 500, dms: 500, guidelines: null },
  }),
  getManyOrder: difference<boolean>({
    id: 'get-many-order',
    topic: 'Whether GET-many returns items in insertion order',
    source: 'CONTRACT.md §4, §9 (ODS 7.3 orders by AggregateId, DMS by DocumentId: both insertion order); the guidelines prescribe no order',
    values: { 'ods-7.3': true, dms: true, guidelines: false },
  }),
  cursorNextToken: difference<boolean>({
    id: 'cursor-next-token',
    topic: 'Whether every non-empty page carries Next-Page-Token (and an empty page none)',
    source: 'CONTRACT.md §4 (ODS 7.3 keyset paging, Postman "Limit > 0 includes Next-Page-Token"); DMS validates and signals cursor paging differently (ANCHORS-2 §2.4 item 1); not in the guidelines',
    values: { 'ods-7.3': true, dms: false, guidelines: false },
  }),
  cursorLimit: difference<'ignored' | 'rejected' | 'either'>({
    id: 'cursor-limit',
    topic: 'limit sent together with pageToken and pageSize',
    source: 'CONTRACT.md §4 (ODS accepts and ignores limit); ANCHORS-2 §2.4 item 1 (DMS refuses it with 400)',
    values: { 'ods-7.3': 'ignored', dms: 'rejected', guidelines: 'either' },
  }),
  propertyNameCase: difference<'insensitive' | 'sensitive'>({
    id: 'property-name-case',
    topic: 'Whether JSON property names (and so validation paths) are compared case-sensitively',
    source: 'CONTRACT.md §9 (ODS binds case-insensitively; DMS is case-sensitive)',
    values: { 'ods-7.3': 'insensitive', dms: 'sensitive', guidelines: 'sensitive' },
  }),
  partitionsEndpoint: difference<'required' | 'optional'>({
    id: 'partitions-endpoint',
    topic: 'Whether GET /{resource}/partitions must exist',
    source: 'seeds: GetSessionsPartitions is a v7.3 operation (ODS 7.3 has no switch for it); DMS serves it (ANCHORS-2 §2.4 item 1); the guidelines do not require it',
    values: { 'ods-7.3': 'required', dms: 'required', guidelines: 'optional' },
  }),
  ifMatchWildcard: difference<'rejected' | 'accepted' | 'either'>({
    id: 'if-match-wildcard',
    topic: 'If-Match: * on a PUT to an existing item',
    source: "CONTRACT.md §3 (ODS 7.3 has no wildcard support: '*' is an unparseable ETag, 412; DMS etag scenarios accept '*'); the guidelines do not say",
    values: { 'ods-7.3': 'rejected', dms: 'accepted', guidelines: 'either' },
  }),
} as const;

export type DifferenceId = (typeof Differences)[keyof typeof Differences]['id'];

export const ALL_DIFFERENCES: ReadonlyArray<ProfileDifference<unknown>> = Object.values(Differences);

export function differenceById(id: string): ProfileDifference<unknown> | undefined {
  return ALL_DIFFERENCES.find((d) => d.id === id);
}

/** The value of an entry under a profile. */
export function valueUnder<T>(entry: ProfileDifference<T>, profile: Profile): T {
  return entry.values[profile];
}
