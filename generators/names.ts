// Run-unique session names. A name is `{fictional words} {token}` where the token is
// `{runTag}-{streamTag}{counter}`: runTag separates runs, streamTag separates factories of one
// run (each check gets a factory seeded from run seed + check id), the counter separates the
// payloads of one factory. The token has no spaces and streamTag has a fixed width, so equal
// tokens are the only way two names can be equal, and tokens never repeat within a factory.
// Tokens are all lower case, so names stay distinct where keys compare case-insensitively
// (SQL Server, CONTRACT.md §6). Exception: the one-character variant (see singleCharacterName).
import { SESSION_NAME_MAX_LENGTH } from '../src/contract/session-schema.js';

const RUN_TAG_MAX_LENGTH = 8;
const STREAM_TAG_WIDTH = 7; // 2^32 in base 36 needs 7 digits

/** Keeps letters and digits only (the token must not contain spaces or '-'), at most 8. */
export function sanitizeRunTag(runTag: string): string {
  const cleaned = runTag.replace(/[^A-Za-z0-9]/g, '').slice(0, RUN_TAG_MAX_LENGTH);
  return cleaned.length > 0 ? cleaned : 'run';
}

/** FNV-1a over the decimal seed: a stable 32-bit value, printed in base 36. */
export function streamTagOf(seed: number): string {
  let hash = 0x811c9dc5;
  for (const ch of String(seed)) {
    hash ^= ch.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36).padStart(STREAM_TAG_WIDTH, '0');
}

export class SessionNamer {
  private counter = 0;
  private readonly prefix: string;

  constructor(seed: number, runTag: string) {
    this.prefix = `${sanitizeRunTag(runTag).toLowerCase()}-${streamTagOf(seed)}`;
  }

  /** A fresh token; never repeats for this namer. */
  nextToken(): string {
    this.counter += 1;
    return `${this.prefix}${this.counter.toString(36)}`;
  }

  /** `{words} {token}`, the words cut so that the whole stays within `maxLength`. */
  nameFrom(words: string, maxLength = SESSION_NAME_MAX_LENGTH): string {
    const token = this.nextToken();
    const room = maxLength - token.length - 1;
    const head = words.trim().slice(0, Math.max(room, 0)).trimEnd();
    return head.length > 0 ? `${head} ${token}` : token;
  }

  /** A name of exactly `length` characters (BMP only, so UTF-16 units = characters). */
  nameOfLength(words: string, length: number): string {
    const token = this.nextToken();
    const room = length - token.length - 1;
    if (room < 1) throw new Error(`a ${length}-character name cannot hold the run-unique token ${token}`);
    let head = words.trim();
    for (let i = 0; head.length < room; i += 1) head += FILLER[i % FILLER.length];
    head = head.slice(0, room);
    if (head.endsWith(' ')) head = `${head.slice(0, -1)}x`;
    return `${head} ${token}`;
  }

  /**
   * A one-character name. One character cannot carry the token, so it is a CJK ideograph picked
   * by hashing a fresh token: unique within a run with high probability (20,992 candidates),
   * not guaranteed across runs against a target that keeps old data.
   */
  singleCharacterName(): string {
    const token = this.nextToken();
    let hash = 0;
    for (const ch of token) hash = (Math.imul(hash, 31) + ch.charCodeAt(0)) >>> 0;
    return String.fromCharCode(0x4e00 + (hash % CJK_UNIFIED_COUNT));
  }
}

const CJK_UNIFIED_COUNT = 0x9fff - 0x4e00 + 1;
const FILLER = ' Meadowbrook Pilot Cohort Extended Calendar Block';
