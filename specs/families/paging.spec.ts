// Runs the check family "paging" (specs/families/paging.ts) over every resource the run selects.
import { runFamily } from '../../src/index.js';
import { registered } from './index.js';

runFamily(registered('paging'));
