// A requirement is something the target API must (or should) do. Checks in specs/ cite one by id;
// the conformance matrix is generated from these records and the run's results.

import type { Profile } from '../contract/profiles.js';

/** Declared in src/contract/profiles.ts (the generators share it); re-exported for the suite. */
export type { Profile };

export type Level = 'MUST' | 'SHOULD' | 'MAY';

export type OperationName =
  | 'DeleteSessionById'
  | 'DeletesSessions'
  | 'GetSessions'
  | 'GetSessionsById'
  | 'GetSessionsPartitions'
  | 'KeyChangesSessions'
  | 'PostSession'
  | 'PutSession';

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
  operation: OperationName | 'Token' | 'Discovery' | 'AvailableChangeVersions';
  /** One sentence, the behaviour in plain words. */
  statement: string;
  /** Profiles the requirement applies to; absent = all. */
  profiles?: Profile[];
  /** With `profiles`: the profile-register entry (src/profiles/register.ts) that makes it profile-dependent. */
  difference?: string;
}
