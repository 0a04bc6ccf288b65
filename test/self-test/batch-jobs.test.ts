// batchJobs groups the kill matrix's single-fault runs into batch jobs (one vitest instance for
// several runs, each against its own host): only runs that can share the faithful secondaries and a
// reusable main host, in the longest-first order, with a time limit that grows with the batch.
import { describe, expect, it } from 'vitest';
import { batchJobs } from './kill-matrix.js';
import { membersOf } from './pool.js';
import type { Job } from './worker.js';

const fault = (id: string, extra: Partial<Job> = {}): Job => ({ jobId: id, faultId: id, seed: 1, timeoutMs: 100_000, ...extra });

describe('batchJobs', () => {
  it('should group batchable fault runs in order, up to the size, leaving the others alone where they were', () => {
    const jobs = [fault('A'), fault('B'), fault('S', { faultOnSecondaries: true }), fault('C'), fault('D'), fault('E'), { jobId: 'faithful', seed: 1 }];
    const out = batchJobs(jobs, 3);
    expect(out.map((j) => j.jobId)).toEqual(['batch:A,B,C', 'S', 'batch:D,E', 'faithful']);
    expect(out[0]!.members!.map((m) => m.jobId)).toEqual(['A', 'B', 'C']);
    expect(out[0]!.timeoutMs).toBe(150_000);
    expect(out.flatMap(membersOf).map((j) => j.jobId).sort()).toEqual(['A', 'B', 'C', 'D', 'E', 'S', 'faithful']);
  });

  it('should never batch persona-like jobs (several faults, host options, an audit)', () => {
    const jobs = [fault('A'), { ...fault('P1'), faultId: undefined, faults: ['X', 'Y'] }, fault('H', { hostOptions: { changeQueries: false } }), fault('U', { audit: true }), fault('B')];
    const out = batchJobs(jobs, 4);
    expect(out.map((j) => j.jobId)).toEqual(['batch:A,B', 'P1', 'H', 'U']);
  });

  it('should leave a lone member, and every job at size 1, unbatched', () => {
    expect(batchJobs([fault('A'), fault('S', { faultOnSecondaries: true })], 4).map((j) => j.jobId)).toEqual(['A', 'S']);
    const jobs = [fault('A'), fault('B')];
    expect(batchJobs(jobs, 1)).toEqual(jobs);
  });
});
