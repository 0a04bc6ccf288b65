// The profile the run judges by. Read from the run context when there is one; assertion unit tests
// run without a context and get the default.
import type { Profile } from '../requirements/types.js';
import { CONTEXT_ENV, loadRunContext } from './run-context.js';

let override: Profile | undefined;

export function currentProfile(): Profile {
  if (override) return override;
  if (!process.env[CONTEXT_ENV]) return 'ods-7.3';
  return loadRunContext().profile;
}

/** Tests only. */
export function setProfileForTests(profile: Profile | undefined): void {
  override = profile;
}
