// The persona list checked against the fault catalogue: at least six personas, one with eight or
// more faults, every fault known and the combination accepted by the host, every lacked
// capability one the harness knows, and the persona job the matrix sends to a worker.
import { describe, expect, it } from 'vitest';
import { requireFaults } from '../../host/faults/index.js';
import { personaJob } from './persona-matrix.js';
import { personas, REFERENCE_HOST_LACKS } from './personas.js';

const CAPABILITIES = ['changeQueries', 'snapshotAbsent', 'snapshotTarget', 'changeQueriesDisabledTarget', 'partitions', 'collectionEtag', 'secondSchool', 'gradingPeriods', 'academicWeeks', 'course', 'writes'];

describe('personas', () => {
  it('should hold at least six personas with unique kebab-case ids, one with eight or more faults', () => {
    expect(personas.length).toBeGreaterThanOrEqual(6);
    const ids = personas.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id))).toEqual([]);
    expect(Math.max(...personas.map((p) => p.faults.length))).toBeGreaterThanOrEqual(8);
  });

  it('should compose every persona from known, compatible faults', () => {
    for (const p of personas) expect(() => requireFaults(p.faults), p.id).not.toThrow();
  });

  it('should lack only capabilities the harness knows', () => {
    const unknown = personas.flatMap((p) => [...REFERENCE_HOST_LACKS, ...p.lacks].filter((c) => !CAPABILITIES.includes(c)).map((c) => `${p.id}: ${c}`));
    expect(unknown).toEqual([]);
  });

  it('should describe each persona in a sentence', () => {
    expect(personas.filter((p) => p.description.length < 30).map((p) => p.id)).toEqual([]);
  });

  it('should send a full, audited run with the persona faults and host settings to a worker', () => {
    const noCq = personas.find((p) => p.host?.changeQueries === false)!;
    expect(personaJob(noCq, 7)).toEqual({ jobId: `persona:${noCq.id}`, faults: noCq.faults, hostOptions: { changeQueries: false }, audit: true, seed: 7 });
    expect(personaJob(noCq, 7).grep).toBeUndefined();
  });
});
