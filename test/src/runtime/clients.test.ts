// Politeness: the workers' slices of --max-concurrency never add up to more than the cap.
import { describe, expect, it } from 'vitest';
import { perWorkerCap } from '../../../src/runtime/clients.js';
import { EMBEDDED_WORKERS, specThreads, workerCount } from '../../../src/cli/run.js';

describe(perWorkerCap.name, () => {
  it('should keep the sum of the workers\' slices within the run-wide cap', () => {
    for (let cap = 1; cap <= 64; cap++) {
      const workers = workerCount(cap);
      const slice = perWorkerCap(cap, workers);
      expect(slice).toBeGreaterThanOrEqual(1);
      expect(slice * workers, `cap ${cap}, ${workers} workers`).toBeLessThanOrEqual(cap);
      // With pool ids 1..workers the slices add up to the cap exactly: none of it is left unused.
      const slices = Array.from({ length: workers }, (_, i) => perWorkerCap(cap, workers, i + 1));
      expect(Math.min(...slices), `cap ${cap}`).toBeGreaterThanOrEqual(1);
      expect(slices.reduce((a, b) => a + b, 0), `cap ${cap}, ${workers} workers`).toBe(cap);
    }
    expect([1, 2, 3].map((id) => perWorkerCap(8, 3, id))).toEqual([3, 3, 2]);
  });

  it('should give a worker with an unknown pool id only the plain share', () => {
    expect(perWorkerCap(8, 3, 4)).toBe(2);
    expect(perWorkerCap(8, 3, 0)).toBe(2);
    expect(perWorkerCap(8, 3, Number.NaN)).toBe(2);
  });
});

describe(specThreads.name, () => {
  it('should give an embedded run 3 threads and a run against --base-url the cap\'s count', () => {
    expect(specThreads({ maxConcurrency: 24 })).toBe(EMBEDDED_WORKERS);
    expect(specThreads({ baseUrl: 'https://ods.example', maxConcurrency: 24 })).toBe(workerCount(24));
    expect(workerCount(24)).toBe(6);
    // The caller's count wins (the self-test's 1), and nothing goes above the cap's own count.
    expect(specThreads({ baseUrl: 'https://ods.example', maxConcurrency: 24 }, 1)).toBe(1);
    expect(specThreads({ maxConcurrency: 2 })).toBe(2);
  });
});
