// Runs the check family "snapshots" (specs/families/snapshots.ts) over every resource the run selects.
import { runFamily } from '../../src/index.js';
import { registered } from './index.js';

runFamily(registered('snapshots'));
