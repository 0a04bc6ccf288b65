// The vocabulary of the invalid-case catalogue: each case breaks a valid payload for one named
// reason and states the outcome each profile prescribes (CONTRACT.md §2, §6, §9).
import type { Profile } from '../../src/contract/profiles.js';
import type { SessionPayload, SessionRefs } from '../types.js';

export type { Profile };
export type WriteMethod = 'POST' | 'PUT';

/**
 * What to send. `json`: send JSON.stringify(json) as application/json. `body`: send these exact
 * bytes/characters. `contentType`: the header to send; null = send no Content-Type at all (send
 * `body` as bytes then, because a string body makes most clients add text/plain).
 */
export interface InvalidRequest {
  json?: unknown;
  body?: string | Uint8Array;
  contentType?: string | null;
}

export interface Outcome {
  status: number;
  /** Problem `type`; '' for an accepted write (no problem body). */
  type: string;
  /** validationErrors keys expected, when known. */
  paths?: string[];
  /**
   * Set by outcomeFor when the profile has no outcome of its own and this one is taken from
   * another profile: only its status is prescribed (usage.ts explains the rule).
   */
  inheritedFrom?: Profile;
}

/**
 * `schema`: our request schema rejects it (at `at`, and only there). `semantic`: our schema
 * accepts it; a business rule rejects it (reference/descriptor existence, key unification,
 * duplicates, id in body). `transport`: not a JSON object at all (bytes, media type, syntax).
 */
export type CaseKind = 'schema' | 'semantic' | 'transport';

/** Fixtures a case needs beyond the minimum; the harness skips the case with a reason when absent. */
export type Need = 'gradingPeriods' | 'academicWeeks' | 'other' | 'otherGradingPeriodSameYear' | 'otherAcademicWeeks';

/**
 * How sure the expected outcome is: 'documented' = stated in CONTRACT.md / the Ed-Fi tests;
 * 'inferred' = status certain, problem `type` (or the profile answer) reasoned from the source
 * but not asserted by any Ed-Fi test. Reports show it; specs may relax `type` for 'inferred'.
 */
export type Evidence = 'documented' | 'inferred';

export interface InvalidCase {
  id: string; // 'beginDate.missing'
  reason: string; // one line
  kind: CaseKind;
  applyTo: WriteMethod[];
  /** JSONPaths where the body is wrong (what `schema` cases must fail at; shown in reports). */
  at?: string[];
  needs?: Need[];
  build(valid: SessionPayload, refs: SessionRefs): InvalidRequest;
  expect: { 'ods-7.3': Outcome; dms?: Outcome; guidelines?: Outcome };
  evidence: Evidence;
  /** Set when one requirement covers the case whatever the status (e.g. id in a POST body). */
  requirement?: string;
  /**
   * The profile-register entry (src/profiles/register.ts, by id) that makes this case's outcome
   * differ between profiles; a runner records it as deciding the verdict.
   */
  difference?: string;
  /** A profile subtlety the harness or the report should know about. */
  caveat?: string;
  /**
   * Other outcomes the contract also allows for a profile, in the situation `caveat` names
   * (e.g. 409 instead of 403 for a client whose claim set skips relationship authorization).
   * A spec may accept them; the embedded host always gives the primary `expect` outcome.
   */
  alternatives?: Partial<Record<Profile, Outcome[]>>;
}

/** A body that looks odd but must be accepted (or is profile-specific). Same shape. */
export type OddCase = InvalidCase;
