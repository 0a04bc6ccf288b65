// Runs the check family "tracked-changes" (specs/families/tracked-changes.ts) over every resource the run selects.
import { runFamily } from '../../src/index.js';
import { registered } from './index.js';

runFamily(registered('tracked-changes'));
