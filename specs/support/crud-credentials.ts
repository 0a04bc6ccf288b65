// The ways a request can arrive without a usable bearer token, in one place, so every 401 check
// (sessions, lists, partitions, change queries) sends the same cases. The never-issued token is
// derived from the check's seed: a replay sends the same bytes, and no two checks share one.
import type { CheckContext } from '../../src/index.js';

export interface UnusableCredential {
  /** Stable case id: part of the check id of a data-driven 401 check. */
  key: string;
  /** In words, for the title: 'with no Authorization header'. */
  what: string;
  /** The Authorization header to send; undefined = none at all. */
  authorization(t: CheckContext): string | undefined;
}

/** A well-formed bearer token the host never issued (hex, as ODS tokens are), unique per check. */
export function bogusBearer(t: CheckContext, fill = 'f'): string {
  return `Bearer ${fill.repeat(24)}${t.seed.toString(16).padStart(8, '0').slice(-8)}`;
}

export const UNUSABLE_CREDENTIALS: readonly UnusableCredential[] = [
  { key: 'no-header', what: 'no Authorization header', authorization: () => undefined },
  { key: 'unknown-scheme', what: 'an unknown scheme', authorization: () => 'Digest username="conformance"' },
  { key: 'empty-token', what: 'an empty token', authorization: () => 'Bearer ' },
  { key: 'unknown-token', what: 'a token the host never issued', authorization: (t) => bogusBearer(t) },
];
