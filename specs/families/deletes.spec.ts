// Runs the check family "deletes" (specs/families/deletes.ts) over every resource the run selects.
import { runFamily } from '../../src/index.js';
import { registered } from './index.js';

runFamily(registered('deletes'));
