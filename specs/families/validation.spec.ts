// Runs the check family "validation" (specs/families/validation.ts) over every resource the run selects.
import { runFamily } from '../../src/index.js';
import { registered } from './index.js';

runFamily(registered('validation'));
