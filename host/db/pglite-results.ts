// Rows from the raw backend bytes of one prepared run (BindComplete, DataRow…, CommandComplete,
// ReadyForQuery), read here in one pass instead of through PGlite's message objects and then its
// parseResults: that double pass was about a tenth of a POST's CPU. Values are converted by the
// same type parsers (types.parseType with the instance's parsers), so rows are exactly what
// parseResults gives. Any other message (an error, a notice) returns undefined: the caller then
// reads the bytes with PGlite's own parser, so errors keep PGlite's DatabaseError.
import { type ParserOptions, types } from '@electric-sql/pglite';
import type { QueryResult } from './db.js';

/** Column names and type oids of a prepared statement's RowDescription. */
export interface Column {
  name: string;
  dataTypeID: number;
}

const BIND_COMPLETE = 0x32; // '2'
const DATA_ROW = 0x44; // 'D'
const COMMAND_COMPLETE = 0x43; // 'C'
const READY_FOR_QUERY = 0x5a; // 'Z'

/** As parseResults counts them: rows written by these commands; 0 for any other. */
const COUNTED_COMMANDS = new Set(['INSERT', 'UPDATE', 'DELETE', 'COPY', 'MERGE']);

export function readPreparedRun<R>(bytes: Buffer, columns: readonly Column[], parsers: ParserOptions): QueryResult<R> | undefined {
  const rows: R[] = [];
  let affectedRows = 0;
  let completed = false;
  let offset = 0;
  while (offset + 5 <= bytes.length) {
    const type = bytes[offset];
    const length = bytes.readInt32BE(offset + 1);
    const body = offset + 5;
    const end = offset + 1 + length;
    if (end > bytes.length) return undefined;
    if (type === DATA_ROW) {
      const count = bytes.readInt16BE(body);
      if (count !== columns.length) return undefined;
      const row: Record<string, unknown> = {};
      let at = body + 2;
      for (let i = 0; i < count; i++) {
        const size = bytes.readInt32BE(at);
        at += 4;
        const column = columns[i];
        if (size < 0) {
          row[column.name] = null;
        } else {
          row[column.name] = types.parseType(bytes.toString('utf8', at, at + size), column.dataTypeID, parsers);
          at += size;
        }
      }
      rows.push(row as R);
    } else if (type === COMMAND_COMPLETE) {
      const words = bytes.toString('utf8', body, end - 1).split(' '); // the text ends with a NUL
      const count = parseInt(words[words.length - 1], 10);
      if (COUNTED_COMMANDS.has(words[0]) && !Number.isNaN(count)) affectedRows += count;
      completed = true;
    } else if (type !== BIND_COMPLETE && type !== READY_FOR_QUERY) {
      return undefined;
    }
    offset = end;
  }
  return completed && offset === bytes.length ? { rows, affectedRows } : undefined;
}
