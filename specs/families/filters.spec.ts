// Runs the check family "filters" (specs/families/filters.ts) over every resource the run selects.
import { runFamily } from '../../src/index.js';
import { registered } from './index.js';

runFamily(registered('filters'));
