// Stable check ids: position-free, title-number-free, keyed on a case id when one is given.
import { describe, expect, it } from 'vitest';
import { checkIdOf, scenarioTitle, slugOf } from '../../../src/runtime/check-id.js';

describe('stable check ids', () => {
  it('should not depend on the scenario number a title carries', () => {
    expect(checkIdOf('SES-PUT-412-STALE', '03 a stale If-Match answers 412')).toBe(checkIdOf('SES-PUT-412-STALE', '07 a stale If-Match answers 412'));
    expect(scenarioTitle('12 a title')).toBe('a title');
  });

  it('should keep every other id when a case is inserted into a data-driven list', () => {
    const cases = ['beginDate.missing', 'endDate.missing', 'sessionName.tooLong'];
    const ids = (list: string[]): string[] => list.map((key, i) => checkIdOf('SES-POST-400-VALIDATION', `${String(i + 1).padStart(2, '0')} POST ${key}`, key));
    const before = ids(cases);
    const after = ids(['aNewCase', ...cases]);
    expect(after.slice(1)).toEqual(before);
  });

  it('should change only the retitled check when a title is reworded', () => {
    const a = checkIdOf('SES-X', 'first words');
    const b = checkIdOf('SES-X', 'second words');
    expect(a).not.toBe(b);
    expect(checkIdOf('SES-X', 'first words')).toBe(a);
  });

  it('should give url-safe slugs of bounded length', () => {
    const slug = slugOf("an id in the PUT body that differs from the route is ignored: the route id is updated, it's fine — ünïcode");
    expect(slug).toMatch(/^[a-z0-9-]+$/);
    expect(slug.length).toBeLessThanOrEqual(60);
  });
});
