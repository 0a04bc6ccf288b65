// Runs the check family "key-changes" (specs/families/key-changes.ts) over every resource the run selects.
import { runFamily } from '../../src/index.js';
import { registered } from './index.js';

runFamily(registered('key-changes'));
