// Runs the check family "authorization" (specs/families/authorization.ts) over every resource the run selects.
import { runFamily } from '../../src/index.js';
import { registered } from './index.js';

runFamily(registered('authorization'));
