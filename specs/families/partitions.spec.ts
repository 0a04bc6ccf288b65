// Runs the check family "partitions" (specs/families/partitions.ts) over every resource the run selects.
import { runFamily } from '../../src/index.js';
import { registered } from './index.js';

runFamily(registered('partitions'));
