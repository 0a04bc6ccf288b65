// Runs the check family "etag" (specs/families/etag.ts) over every resource the run selects.
import { runFamily } from '../../src/index.js';
import { registered } from './index.js';

runFamily(registered('etag'));
