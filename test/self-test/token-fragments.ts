// Searches outputs for pieces of access tokens the host issued: any window of WINDOW characters of
// any token counts as a fragment (a redactor that keeps a prefix, or a message truncated before
// redaction, still leaks one). Reports where and how many, never the fragment itself.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** 12 characters: long enough that no id, ETag or date in a report matches a token by chance. */
export const WINDOW = 12;

export interface FragmentHit {
  /** A file relative to the searched directory, or the name given to a text. */
  where: string;
  /** Separate runs of matching text (one leaked token counts once however long the piece). */
  count: number;
}

/** Every WINDOW-character window of every token. */
export function tokenWindows(tokens: readonly string[], size = WINDOW): Set<string> {
  const windows = new Set<string>();
  for (const token of tokens) for (let i = 0; i + size <= token.length; i++) windows.add(token.slice(i, i + size));
  return windows;
}

/** The characters the windows are made of (by UTF-16 code unit), kept per window set. */
const alphabets = new WeakMap<ReadonlySet<string>, Uint8Array>();

function alphabetOf(windows: ReadonlySet<string>): Uint8Array {
  let alphabet = alphabets.get(windows);
  if (!alphabet) {
    alphabet = new Uint8Array(0x10000);
    for (const w of windows) for (let i = 0; i < w.length; i++) alphabet[w.charCodeAt(i)] = 1;
    alphabets.set(windows, alphabet);
  }
  return alphabet;
}

/**
 * How many separate pieces of text contain a token window (overlapping matches form one piece).
 * A window is made of token characters only, so it can match only inside a run of them: the
 * windows of each such run are looked up, in order, and the rest of the text is skipped (most of
 * a report is punctuation, spaces and words broken by them; a persona run's ~30 MB took about a
 * second when every position was looked up).
 */
export function countFragments(text: string, windows: ReadonlySet<string>, size = WINDOW): number {
  if (windows.size === 0) return 0;
  const alphabet = alphabetOf(windows);
  let count = 0;
  let coveredUntil = -1;
  let runStart = 0;
  for (let end = 0; end <= text.length; end++) {
    if (end < text.length && alphabet[text.charCodeAt(end)] === 1) continue;
    // text[runStart, end) holds token characters only.
    for (let i = runStart; i + size <= end; i++) {
      if (!windows.has(text.slice(i, i + size))) continue;
      if (i > coveredUntil) count += 1;
      coveredUntil = i + size;
    }
    runStart = end + 1;
  }
  return count;
}

/** An Allure result file names its check; the place is more useful with that name. */
function placeOf(dir: string, file: string, text: string): string {
  const where = relative(dir, file);
  if (!file.endsWith('-result.json')) return where;
  try {
    const name = (JSON.parse(text) as { name?: unknown }).name;
    return typeof name === 'string' ? `${where} (check: ${name.slice(0, 120)})` : where;
  } catch {
    return where;
  }
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(path));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

/** Searches every file under `dir` and every named text; lists only the places with a hit. */
export function findTokenFragments(tokens: readonly string[], dir: string | undefined, texts: Record<string, string>): { hits: FragmentHit[]; searched: number } {
  const windows = tokenWindows(tokens);
  const hits: FragmentHit[] = [];
  let searched = 0;
  const search = (where: string, text: string): void => {
    searched += 1;
    const count = countFragments(text, windows);
    if (count > 0) hits.push({ where, count });
  };
  for (const [where, text] of Object.entries(texts)) search(where, text);
  if (dir !== undefined) {
    for (const file of filesUnder(dir)) {
      if (statSync(file).size > 200 * 1024 * 1024) continue; // nothing the suite writes is this large
      const text = readFileSync(file, 'latin1');
      if (countFragments(text, windows) > 0) search(placeOf(dir, file, text), text);
      else searched += 1;
    }
  }
  return { hits, searched };
}
