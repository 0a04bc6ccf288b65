// Runs the check family "cursor" (specs/families/cursor.ts) over every resource the run selects.
import { runFamily } from '../../src/index.js';
import { registered } from './index.js';

runFamily(registered('cursor'));
