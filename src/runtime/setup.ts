// vitest setup file of the conformance config: each spec worker checks it was started by the
// runner (a clear message instead of a failure deep inside a check) and registers the run's
// secrets with the redactor before any check prints anything.
import { registerContextSecrets } from '../report/secrets.js';
import { loadRunContext } from './current-run.js';

registerContextSecrets(loadRunContext());
