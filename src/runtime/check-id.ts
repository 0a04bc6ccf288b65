// Stable check identity: the requirement id plus a slug of the scenario's words, never of its
// position. Inserting a scenario or renumbering titles leaves every other check's id unchanged;
// Allure history, JUnit, conformance.json, baselines and run comparison all key on it.

/** Drops a leading scenario number ('07 ', '7. ', '#7 ') that older titles carry. */
export function scenarioTitle(title: string): string {
  return title.replace(/^\s*#?\d+[.):]?\s+/, '').trim();
}

export function slugOf(text: string, max = 60): string {
  const slug = scenarioTitle(text)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= max) return slug || 'check';
  // Cut at a word boundary so near-identical long titles stay readable.
  const cut = slug.slice(0, max);
  return cut.slice(0, cut.lastIndexOf('-') > 20 ? cut.lastIndexOf('-') : max);
}

/** `SES-PUT-412-STALE/a-put-with-a-stale-if-match-answers-412`; `key` (a case id) wins over the title. */
export function checkIdOf(requirementId: string, title: string, key?: string): string {
  return `${requirementId}/${key ? slugOf(key, 80) : slugOf(title)}`;
}
