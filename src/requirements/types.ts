// A requirement is something the target API must (or should) do. Checks in specs/ cite one by id;
// the conformance matrix is generated from these records and the run's results.

import type { Profile } from '../contract/profiles.js';
import type { OperationName } from '../contract/contract.js';

/** Declared in src/contract/profiles.ts (the generators share it); re-exported for the suite. */
export type { Profile };
/** Declared in src/contract/contract.ts: operations come from the OpenAPI contract, not a list here. */
export type { OperationName };

export type Level = 'MUST' | 'SHOULD' | 'MAY';

/** What a requirement may name that is not a resource operation of the contract. */
export const NON_RESOURCE_OPERATIONS = ['Token', 'Discovery', 'AvailableChangeVersions'] as const;

export type Area =
  | 'status'
  | 'etag'
  | 'paging'
  | 'change-queries'
  | 'snapshots'
  | 'auth'
  | 'validation'
  | 'semantics'
  | 'schema';

export interface Requirement {
  /** Upper-case, stable: 'SES-PUT-412-STALE'. */
  id: string;
  level: Level;
  /** Where it comes from: 'seed:PutSession 412' or 'CONTRACT.md §3'. */
  source: string;
  area: Area;
  /**
   * A documented operation of the contract ('PutSession') or one of NON_RESOURCE_OPERATIONS; a
   * test holds every record to that (the names are strings now that operations come from OpenAPI).
   */
  operation: OperationName;
  /** One sentence, the behaviour in plain words. */
  statement: string;
  /** Profiles the requirement applies to; absent = all. */
  profiles?: Profile[];
  /** With `profiles`: the profile-register entry (src/profiles/register.ts) that makes it profile-dependent. */
  difference?: string;
}
