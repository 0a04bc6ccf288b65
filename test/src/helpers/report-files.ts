// Lists every file a run wrote under a report dir, for greps. The single-file HTML report embeds
// its data and attachments base64-encoded; `readableText` decodes them so a grep for a secret sees
// what the report shows, not only its encoded form.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(full);
    }
  };
  walk(dir);
  return out;
}

/** Allure 3 single-file reports declare each embedded file as d("name","base64"). */
const EMBEDDED = /\bd\("([^"]+)","([A-Za-z0-9+/=]*)"\)/g;

/** A file's text, plus the decoded text of any files embedded in it. */
export function readableText(file: string): string {
  const text = readFileSync(file).toString('utf8');
  if (!file.endsWith('.html')) return text;
  const decoded = [...text.matchAll(EMBEDDED)].map((m) => Buffer.from(m[2]!, 'base64').toString('utf8'));
  return [text, ...decoded].join('\n');
}

/** Files (relative names) that contain any of the needles. */
export function filesContaining(dir: string, needles: string[]): string[] {
  return filesUnder(dir).filter((f) => {
    const text = readableText(f);
    return needles.some((n) => n.length > 0 && text.includes(n));
  });
}
