// Causes group failures by what the host did, not by the ids and numbers of one request.
import { describe, expect, it } from 'vitest';
import { causeOf } from '../../../src/runtime/cause.js';

describe('failure causes', () => {
  it('should give two checks broken by the same behaviour the same key', () => {
    const a = causeOf('SES-ETAG-HEADER-QUOTED', 'a 200 answer should carry an ETag', '200 {"id":"3f2b9c0a1d4e4f5a9b8c7d6e5f4a3b2c","sessionName":"cab12f-17 Fall","totalInstructionalDays":1234567}', ['cab12f']);
    const b = causeOf('SES-ETAG-HEADER-QUOTED', 'a 200 answer should carry an ETag', '200 {"id":"aa2b9c0a1d4e4f5a9b8c7d6e5f4a3b2c","sessionName":"cab12f-99 Fall","totalInstructionalDays":7654321}', ['cab12f']);
    expect(a.key).toBe(b.key);
    expect(a.observed.startsWith('200')).toBe(true);
  });

  it('should keep different statuses and different assertions apart', () => {
    expect(causeOf('SES-A', 'x', '400 {}').key).not.toBe(causeOf('SES-A', 'x', '500 {}').key);
    expect(causeOf('SES-A', 'x', '400 {}').key).not.toBe(causeOf('SES-A', 'y', '400 {}').key);
  });

  it('should group one host behaviour across requirements (same assertion, same observed shape)', () => {
    expect(causeOf('SES-A', 'a problem body should carry errors', '{"errors":"absent"}').key).toBe(causeOf('SES-B', 'a problem body should carry errors', '{"errors":"absent"}').key);
  });

  it('should keep a leading HTTP status but mask a long leading number', () => {
    expect(causeOf('SES-A', 'x', '404 {"detail":"gone"}').observed).toBe('404 {"detail":"gone"}');
    expect(causeOf('SES-A', 'x', '1798000000').observed).toBe('<n>');
  });

  it('should bound the observed shape', () => {
    expect(causeOf('SES-A', 'x', 'y'.repeat(5000)).observed.length).toBeLessThanOrEqual(161);
  });
});
