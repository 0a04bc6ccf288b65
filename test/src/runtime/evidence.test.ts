// Evidence is quoted in skip reasons and reports: the quote must read like the exchange, and a
// secret in the body must be gone before the body is cut (a cut through a token would leave a
// fragment no later redaction recognises).
import { describe, expect, it } from 'vitest';
import { EVIDENCE_BODY_MAX, evidenceOf, quoteEvidence, shortBody, shortUrl } from '../../../src/runtime/evidence.js';
import { registerSecret } from '../../../src/report/redact.js';

describe(quoteEvidence.name, () => {
  it('should quote the request below the Ed-Fi namespace, the status and the body', () => {
    const e = evidenceOf({ request: { method: 'GET', url: 'https://h.example/api/data/v3/ed-fi/gradingPeriods?schoolId=255901001' }, status: 400, text: '{"detail":"bad"}' }, 'refused');
    expect(e.request).toBe('GET https://h.example/api/data/v3/ed-fi/gradingPeriods?schoolId=255901001');
    expect(quoteEvidence(e)).toBe('GET …/gradingPeriods?schoolId=255901001 answered 400 {"detail":"bad"}');
    expect(quoteEvidence({ ...e, status: 200, body: '[]' })).toBe('GET …/gradingPeriods?schoolId=255901001 answered 200 []');
    expect(quoteEvidence({ ...e, status: 404, body: '' })).toBe('GET …/gradingPeriods?schoolId=255901001 answered 404 with an empty body');
    expect(quoteEvidence({ ...e, status: 0, body: 'connection refused' })).toBe('GET …/gradingPeriods?schoolId=255901001 got no answer (connection refused)');
  });

  it('should keep the last segment of a URL outside the data API', () => {
    expect(shortUrl('https://h/api/changeQueries/v1/availableChangeVersions')).toBe('…/availableChangeVersions');
    expect(shortUrl('https://h/api/data/v3/ed-fi/sessions/partitions?number=1')).toBe('…/sessions/partitions?number=1');
  });
});

describe(shortBody.name, () => {
  it('should redact before cutting, so no fragment of a secret survives the cut', () => {
    const token = `eyJ${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(40)}`;
    registerSecret(token);
    const body = `{"note":"${'x'.repeat(EVIDENCE_BODY_MAX - 40)}","token":"${token}"}`;
    const cut = shortBody(body);
    expect(cut.length).toBeLessThanOrEqual(EVIDENCE_BODY_MAX);
    // The token starts before the cut: cut first, then redact, would leave 'eyJaaaa…' behind.
    expect(cut).not.toMatch(/eyJa/);
    expect(cut).toContain('***');
  });

  it('should collapse whitespace and mark a cut', () => {
    expect(shortBody('[\n  {\n    "a": 1\n  }\n]')).toBe('[ { "a": 1 } ]');
    expect(shortBody('y'.repeat(500))).toMatch(/^y{199}…$/);
  });
});
