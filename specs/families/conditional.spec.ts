// Runs the check family "conditional" (specs/families/conditional.ts) over every resource the run selects.
import { runFamily } from '../../src/index.js';
import { registered } from './index.js';

runFamily(registered('conditional'));
