// Named prepared statements for PGlite. PGlite's own query() makes six separate calls into the
// WASM backend per statement (Parse, Describe, Bind, Describe, Execute, Sync) and parses and
// plans the SQL every time; most of a request's CPU went there. Here each distinct SQL text is
// parsed and described once under a name, and every later run is one call carrying Bind, Execute
// and Sync, with the plan reused by PostgreSQL's plan cache. Results are parsed by PGlite's own
// parseResults with the instance's type parsers, so rows look exactly as query() returns them.
// Prepared statements are per connection, not per transaction: they survive a ROLLBACK.
import { type PGlite, parse, protocol } from '@electric-sql/pglite';
import type { QueryResult } from './db.js';
import { type Column, readPreparedRun } from './pglite-results.js';

const { serialize } = protocol;

/** Distinct statements kept prepared; SQL beyond them runs through PGlite's unnamed path. */
export const MAX_PREPARED = 256;

interface Prepared {
  name: string;
  /** Parameter type oids, for PGlite's serializers. */
  paramTypes: number[];
  /** The statement's RowDescription (column names and types), absent for statements without rows. */
  rowDescription?: BackendMessage;
  /** Its columns, for readPreparedRun (none without a RowDescription). */
  columns: Column[];
}

type BackendMessage = Awaited<ReturnType<PGlite['execProtocol']>>['messages'][number];

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export class PreparedStatements {
  private readonly statements = new Map<string, Prepared>();
  /** Names are never reused, even when two requests prepare the same SQL at once. */
  private counter = 0;

  constructor(
    private readonly pglite: PGlite,
    private readonly max = MAX_PREPARED,
  ) {}

  /** Runs `sql` as query() would; the caller holds the connection (the Db's queue or a transaction). */
  async query<R>(sql: string, params: unknown[] = []): Promise<QueryResult<R>> {
    const prepared = this.statements.get(sql) ?? (await this.prepare(sql));
    if (!prepared) {
      const result = await this.pglite.query<R>(sql, params);
      return { rows: result.rows, affectedRows: result.affectedRows };
    }
    const values = params.map((param, i) => {
      if (param === null || param === undefined) return null;
      const serializer = this.pglite.serializers[prepared.paramTypes[i]];
      return serializer ? serializer(param) : String(param);
    });
    const chunks: Buffer[] = [];
    await this.pglite.execProtocolRawStream(
      concat([serialize.bind({ statement: prepared.name, values }), serialize.execute({}), serialize.sync()]),
      // The database lives in memory: there is no file system to sync. The bytes are a view of
      // the WASM memory, valid only during the call.
      { syncToFs: false, onRawData: (data) => chunks.push(Buffer.from(data)) },
    );
    const bytes = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
    const fast = readPreparedRun<R>(bytes, prepared.columns, this.pglite.parsers);
    if (fast) return fast;
    // An error, a notice or anything else: PGlite's own reading, which throws its DatabaseError.
    const messages: BackendMessage[] = [];
    new protocol.Parser().parse(bytes, (message) => messages.push(message));
    const failure = messages.find((message) => message instanceof protocol.messages.DatabaseError);
    if (failure) throw failure;
    const [result] = parse.parseResults(prepared.rowDescription ? [prepared.rowDescription, ...messages] : messages, this.pglite.parsers);
    return { rows: result.rows as R[], affectedRows: result.affectedRows };
  }

  private async prepare(sql: string): Promise<Prepared | undefined> {
    if (this.statements.size >= this.max) return undefined;
    const name = `edfi_${++this.counter}`;
    const { messages } = await this.pglite.execProtocol(
      concat([serialize.parse({ name, text: sql }), serialize.describe({ type: 'S', name }), serialize.sync()]),
      { syncToFs: false },
    );
    const rowDescription = messages.find((message) => message.name === 'rowDescription');
    const prepared: Prepared = {
      name,
      paramTypes: parse.parseDescribeStatementResults(messages),
      rowDescription,
      columns: rowDescription instanceof protocol.messages.RowDescriptionMessage ? rowDescription.fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })) : [],
    };
    this.statements.set(sql, prepared);
    return prepared;
  }
}
