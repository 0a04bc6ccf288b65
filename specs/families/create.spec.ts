// Runs the check family "create" (specs/families/create.ts) over every resource the run selects.
import { runFamily } from '../../src/index.js';
import { registered } from './index.js';

runFamily(registered('create'));
