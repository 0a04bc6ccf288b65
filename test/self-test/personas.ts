// Vendor personas: hosts that deviate in several ways at once, as real ones do. Each is a list of
// faults from the catalogue (composed on one host, host/faults/compose.ts), what it lacks
// legitimately (a capability the contract lets a host go without, so a skip for it is true), and
// any host setting besides faults. Its declared deviations are the union of its faults' `violates`.
// The persona matrix (persona-matrix.ts) runs the whole suite against each and checks that every
// verdict is true about that host.
import type { Capability } from '../../src/runtime/run-context.js';

export interface Persona {
  /** kebab-case, names the kind of host. */
  id: string;
  /** Who it stands for, in one sentence. */
  description: string;
  /** Fault ids, in hook order (request hooks first to last). */
  faults: string[];
  /** Capabilities this host lacks legitimately, besides those the reference host lacks itself. */
  lacks: Capability[];
  /** Main-host settings besides faults. */
  host?: { changeQueries?: boolean };
}

/**
 * What the reference host itself lacks, so every persona lacks it too: ODS 7.3 sends no ETag on
 * GET-many (CONTRACT.md §3), and neither does the reference host.
 */
export const REFERENCE_HOST_LACKS: Capability[] = ['collectionEtag'];

export const personas: Persona[] = [
  {
    id: 'independent-vendor',
    description: 'An independent, open-source Ed-Fi API implementation: no ETags, broken change queries, reference filters refused, 400 for a missing token, ids required in PUT bodies, Use-Snapshot ignored, JWTs with an absolute expires_in, and deletes that show for a moment.',
    faults: [
      'NoEtagsAnywhere',
      'ChangeQueriesAnswer500',
      'ReferenceFiltersRefused',
      'MissingTokenAnswers400',
      'PutBodyIdRequired',
      'UseSnapshotIgnored',
      'JwtTokensAbsoluteExpiresIn',
      'DeletedItemsVisibleForAWhile',
    ],
    lacks: [],
  },
  {
    id: 'strict-dms-like',
    description: 'A host that follows the Data Management Service where it differs from ODS 7.3: PUT bodies must carry the matching id, If-Match * is honoured, limit with a page token is refused, Use-Snapshot is ignored.',
    faults: ['PutBodyIdRequired', 'PutBodyIdMustMatchRoute', 'IfMatchStarAccepted', 'CursorLimitAlongsidePageSizeRefused', 'UseSnapshotIgnored'],
    lacks: [],
  },
  {
    id: 'legacy-ods-5',
    description: 'An older ODS: no Next-Page-Token and 25 items by default on sessions and course offerings alike, If-Match ignored on an upserting POST and on course-offering PUTs, one "security" problem type for 401s, key changes not tracked.',
    faults: ['NextPageTokenMissing', 'CoNextPageTokenMissing', 'DefaultPageSize25', 'CoDefaultPageSize25', 'IfMatchIgnoredOnPost', 'CoIfMatchIgnoredOnPut', 'AuthenticationProblemTypeWrong', 'KeyChangesNotTracked'],
    lacks: [],
  },
  {
    id: 'no-change-queries',
    description: 'A district host with change queries switched off (as the contract allows) that is lenient about media types, Total-Count and ids in POST bodies.',
    faults: ['ContentTypeNotChecked', 'TotalCountIgnored', 'IdInPostBodyAccepted'],
    lacks: ['changeQueries'],
    host: { changeQueries: false },
  },
  {
    id: 'eventually-consistent',
    description: 'A host whose reads come from a replica: deleted items show for a moment, and availableChangeVersions reads alternate between the primary and a replica one version behind.',
    faults: ['DeletedItemsVisibleForAWhile', 'AvailableChangeVersionsLagging'],
    lacks: [],
  },
  {
    id: 'sloppy-auth',
    description: 'A host with a careless token layer: 400 for a missing token, expired tokens accepted, read-only clients may write, any grant type and a wrong secret answered 400, JWTs with an absolute expires_in.',
    faults: ['MissingTokenAnswers400', 'ExpiredTokenAccepted', 'ReadOnlyClientMayWrite', 'TokenGrantTypeUnchecked', 'TokenWrongSecretAnswers400', 'JwtTokensAbsoluteExpiresIn'],
    lacks: [],
  },
];

export function findPersona(id: string): Persona | undefined {
  return personas.find((p) => p.id === id);
}
