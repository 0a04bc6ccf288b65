import { describe, expect, it } from 'vitest';
import { ALLURE_CATEGORIES, CATEGORIES, causeLabel } from '../../../src/report/allure-setup.js';
import { registerSecret } from '../../../src/report/redact.js';

describe('Allure categories', () => {
  it('should put blocked checks first, before anything that matches skipped, and group violations by cause', () => {
    expect(ALLURE_CATEGORIES[0]).toMatchObject({ name: 'Blocked by another requirement', groupBy: [{ label: 'cause' }], groupByMessage: false });
    expect(ALLURE_CATEGORIES[0]!.matchers[0]).toEqual({ statuses: ['skipped'], labels: { verdict: '^blocked$' } });
    const firstSkipped = ALLURE_CATEGORIES.findIndex((c) => c.matchers.some((m) => m.statuses?.includes('skipped') && !m.labels && !m.message));
    expect(firstSkipped).toBeGreaterThan(0);
    expect(ALLURE_CATEGORIES.find((c) => c.name === 'Contract violation')?.groupBy).toEqual([{ label: 'cause' }]);
  });

  it('should give Allure 2 only the rules it can express, with whole-message patterns', () => {
    expect(CATEGORIES.map((c) => c.name)).not.toContain('Recommendation not met');
    const blocked = CATEGORIES.find((c) => c.name === 'Blocked by another requirement')!;
    expect(new RegExp(`^(?:${blocked.messageRegex})$`).test('blocked by SES-X: no ETag\nGET /x')).toBe(true);
    const target = CATEGORIES.find((c) => c.name === 'Target error')!;
    expect(new RegExp(`^(?:${target.messageRegex})$`).test('request failed\nCT_ERR_TRANSPORT: connection refused')).toBe(true);
  });
});

describe(causeLabel.name, () => {
  it('should read as requirement: what — observed, bounded and redacted', () => {
    registerSecret('cause-secret-123');
    expect(causeLabel({ requirementId: 'SES-A', what: 'a 200 answer carries an ETag', observed: 'no ETag header' })).toBe('SES-A: a 200 answer carries an ETag — observed: no ETag header');
    const long = causeLabel({ requirementId: 'SES-A', what: 'x'.repeat(300), observed: 'cause-secret-123' });
    expect(long.length).toBeLessThanOrEqual(160);
    expect(causeLabel({ requirementId: 'SES-A', what: 'w', observed: 'token cause-secret-123' })).not.toContain('cause-secret-123');
  });
});
