import { describe, expect, it } from 'vitest';
import { helpText, parseCommandLine } from '../../../src/cli/args.js';
import { ConfigInvalidError } from '../../../src/errors.js';

describe(parseCommandLine.name, () => {
  it('should map flags onto settings, integers as numbers', () => {
    const parsed = parseCommandLine(['run', '--base-url', 'https://h/api', '--timeout-ms', '2000', '--read-only', '--no-html', '--config', 'c.json']);
    expect(parsed).toEqual({ command: 'run', flags: { baseUrl: 'https://h/api', timeoutMs: 2000, readOnly: true, html: false }, configFile: 'c.json' });
  });

  it('should keep a malformed integer as text so validation can name it', () => {
    expect(parseCommandLine(['run', '--seed', 'abc']).flags.seed).toBe('abc');
  });

  it('should suggest the closest flag for a typo', () => {
    expect(() => parseCommandLine(['run', '--max-concurency', '2'])).toThrow(/--max-concurency: unknown option \(did you mean '--max-concurrency'\?\)/);
  });

  it('should refuse unknown commands', () => {
    expect(() => parseCommandLine(['walk'])).toThrow(ConfigInvalidError);
  });

  it('should answer help, listing every setting with its environment variable', () => {
    expect(parseCommandLine(['--help']).command).toBe('help');
    expect(helpText()).toContain('--base-url VALUE');
    expect(helpText()).toContain('[EDFI_CLIENT_SECRET]');
  });

  it('should read --resource as a list of names, blanks dropped', () => {
    expect(parseCommandLine(['run', '--resource', 'sessions, courseOfferings,']).flags).toEqual({ resources: ['sessions', 'courseOfferings'] });
    expect(helpText()).toMatch(/--resource VALUE .*comma-separated.*\[EDFI_RESOURCES\]/);
  });

  it('should read fixture flags into the nested settings, grading periods as DESCRIPTOR|NAME pairs', () => {
    const parsed = parseCommandLine(['run', '--school-id', '255901001', '--grading-periods', 'uri://a/GradingPeriodDescriptor#One|P1;uri://a/GradingPeriodDescriptor#Two|P2', '--course-code', 'ALG-1']);
    expect(parsed.flags).toEqual({
      'fixtures.schoolId': 255901001,
      'fixtures.gradingPeriods': [
        { gradingPeriodDescriptor: 'uri://a/GradingPeriodDescriptor#One', gradingPeriodName: 'P1' },
        { gradingPeriodDescriptor: 'uri://a/GradingPeriodDescriptor#Two', gradingPeriodName: 'P2' },
      ],
      'fixtures.courseCode': 'ALG-1',
    });
    expect(helpText()).toMatch(/--grading-periods VALUE .*DESCRIPTOR\|NAME;DESCRIPTOR\|NAME.*\[EDFI_GRADING_PERIODS\]/);
  });
});
