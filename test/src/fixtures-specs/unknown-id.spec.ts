// Fixture for the harness tests: a spec citing a requirement id that is not in the catalogue must
// fail to load (and the run must say so).
import { check, describe } from '../../../src/index.js';

describe('a spec with a typo in its requirement id', () => {
  check('SES-POST-201-CREATD', 'never registered', async () => {});
});
