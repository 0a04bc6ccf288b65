// Runs the check family "delete" (specs/families/delete.ts) over every resource the run selects.
import { runFamily } from '../../src/index.js';
import { registered } from './index.js';

runFamily(registered('delete'));
