// The profile the run judges by, and register decisions taken outside a check's `t`. Assertions
// (src/assert/problem.ts) have no `t`; they ask `decided(entry)`, which returns the entry's value
// for the run's profile and records the entry on the running check (`decidedBy`), exactly as
// `t.decide` does, so the report names every difference that shaped a verdict. Assertion unit
// tests run without a context and get the default profile.
import type { Profile } from '../requirements/types.js';
import { valueUnder, type ProfileDifference } from '../profiles/register.js';
import { currentCheck } from './check-state.js';
import { currentRun } from './current-run.js';

let override: Profile | undefined;

export function currentProfile(): Profile {
  if (override) return override;
  return currentRun()?.profile ?? 'ods-7.3';
}

/** Tests only. */
export function setProfileForTests(profile: Profile | undefined): void {
  override = profile;
}

/** The entry's value under `profile` (default: the run's), recorded in the running check's `decidedBy`. */
export function decided<T>(entry: ProfileDifference<T>, profile: Profile = currentProfile()): T {
  const meta = currentCheck()?.meta;
  if (meta) {
    const list = (meta.decidedBy ??= []);
    if (!list.includes(entry.id)) list.push(entry.id);
  }
  return valueUnder(entry, profile);
}
