// Runs the check family "methods" (specs/families/methods.ts) over every resource the run selects.
import { runFamily } from '../../src/index.js';
import { registered } from './index.js';

runFamily(registered('methods'));
