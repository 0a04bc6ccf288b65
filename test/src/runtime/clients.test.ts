// Politeness: the workers' slices of --max-concurrency never add up to more than the cap.
import { describe, expect, it } from 'vitest';
import { perWorkerCap } from '../../../src/runtime/clients.js';
import { workerCount } from '../../../src/cli/run.js';

describe(perWorkerCap.name, () => {
  it('should keep the sum of the workers\' slices within the run-wide cap', () => {
    for (let cap = 1; cap <= 64; cap++) {
      const workers = workerCount(cap);
      const slice = perWorkerCap(cap, workers);
      expect(slice).toBeGreaterThanOrEqual(1);
      expect(slice * workers, `cap ${cap}, ${workers} workers`).toBeLessThanOrEqual(cap);
    }
  });
});
