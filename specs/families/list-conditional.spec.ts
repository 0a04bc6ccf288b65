// Runs the check family "list-conditional" (specs/families/list-conditional.ts) over every resource the run selects.
import { runFamily } from '../../src/index.js';
import { registered } from './index.js';

runFamily(registered('list-conditional'));
