// Runs the check family "authentication" (specs/families/authentication.ts) over every resource the run selects.
import { runFamily } from '../../src/index.js';
import { registered } from './index.js';

runFamily(registered('authentication'));
