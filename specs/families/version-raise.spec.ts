// Runs the check family "version-raise" (specs/families/version-raise.ts) over every resource the run selects.
import { runFamily } from '../../src/index.js';
import { registered } from './index.js';

runFamily(registered('version-raise'));
