import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generatedSource, OUTPUT, SEEDS_DIR } from '../../../src/requirements/generate-seed-pairs.js';
import { parseSeedPairs } from '../../../src/requirements/seed-pair-parser.js';
import { SEED_PAIRS } from '../../../src/requirements/seed-pairs.js';
import { OPERATION_NAMES } from '../../../src/contract/operations.js';

describe('seed pairs', () => {
  it('should hold 60 documented pairs over the 8 operations, 500 marked fault-only', () => {
    expect(SEED_PAIRS).toHaveLength(60);
    expect(new Set(SEED_PAIRS.map((p) => p.operation))).toEqual(new Set(OPERATION_NAMES));
    expect(SEED_PAIRS.filter((p) => p.status === 500).every((p) => p.elicitable === 'fault-only')).toBe(true);
    expect(SEED_PAIRS.filter((p) => p.elicitable === 'fault-only')).toHaveLength(8);
    expect(new Set(SEED_PAIRS.map((p) => `${p.operation} ${p.status}`)).size).toBe(60);
  });

  it.skipIf(!existsSync(SEEDS_DIR))('should equal what the seed yields (regenerate with src/requirements/generate-seed-pairs.ts)', () => {
    expect(readFileSync(OUTPUT, 'utf8')).toBe(generatedSource());
  });

  it('should read method, path and statuses from a seed-shaped document', () => {
    const doc = [
      '| [**GetSessions**](SessionsApi.md#getsessions) | **GET** /ed-fi/sessions | x |',
      '# **GetSessions**',
      '### HTTP response details',
      '| **200** | ok |  -  |',
      '| **500** | boom |  -  |',
    ].join('\n');
    expect(parseSeedPairs(doc)).toEqual([
      { operation: 'GetSessions', method: 'GET', path: '/ed-fi/sessions', status: 200, elicitable: 'yes' },
      { operation: 'GetSessions', method: 'GET', path: '/ed-fi/sessions', status: 500, elicitable: 'fault-only' },
    ]);
  });
});
