// Runs the check family "update" (specs/families/update.ts) over every resource the run selects.
import { runFamily } from '../../src/index.js';
import { registered } from './index.js';

runFamily(registered('update'));
