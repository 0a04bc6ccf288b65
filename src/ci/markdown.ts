// Small Markdown helpers shared by the CI renderers (run comparison, GitHub step summary): table
// cells that survive pipes and newlines in failure messages, and lists cut to a readable length.

/** A table cell: one line, at most `max` characters, pipes escaped and angle brackets as entities
 * (causes mask values as '<etag>', '<id>', which GitHub would otherwise take for HTML and hide). */
export function cell(text: string | number | undefined, max = 160): string {
  let one = String(text ?? '').replace(/\s*\n\s*/g, ' ').trim();
  if (one.length > max) one = `${one.slice(0, max - 1)}…`;
  return one.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '\\|');
}

/** Inline code that stays inline whatever the text holds. */
export function code(text: string): string {
  return text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``;
}

export function table(head: string[], rows: string[][]): string[] {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

/** The first `limit` rows, and a line saying how many were left out. */
export function capped<T>(items: readonly T[], limit: number): { shown: readonly T[]; more: string[] } {
  return items.length > limit ? { shown: items.slice(0, limit), more: [``, `… and ${items.length - limit} more (see the JSON output).`] } : { shown: items, more: [] };
}
