import type { PGlite } from '@electric-sql/pglite';
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';

/**
 * Presents one PGlite instance as a node-postgres pool so Kysely's stock PostgresDialect drives it.
 * PGlite is a single connection, so a client is lent to one caller at a time; transactions are
 * therefore serialised, which is the embedded database's honest concurrency.
 */
export class PGlitePool implements PostgresPool {
  readonly #db: PGlite;
  #queue: Promise<void> = Promise.resolve();

  constructor(db: PGlite) {
    this.#db = db;
  }

  async connect(): Promise<PostgresPoolClient> {
    let release!: () => void;
    const turn = new Promise<void>((resolve) => (release = resolve));
    const previous = this.#queue;
    this.#queue = previous.then(() => turn);
    await previous;
    const db = this.#db;
    let released = false;
    const client = {
      async query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>> {
        // Parameterless text may hold several statements (migrations); only the simple protocol allows that.
        const result = parameters.length === 0 ? lastResult(await db.exec(sql)) : await db.query<Record<string, unknown>>(sql, parameters as unknown[]);
        const rows = (result.rows as Record<string, unknown>[]).map(normaliseRow) as R[];
        const command = (/^\s*(\w+)/.exec(sql)?.[1] ?? 'SELECT').toUpperCase() as PostgresQueryResult<R>['command'];
        return { command, rowCount: result.affectedRows ?? rows.length, rows };
      },
      release() {
        if (!released) {
          released = true;
          release();
        }
      },
    };
    // Kysely only calls the (sql, parameters) overload; cursors are never used with PGlite.
    return client as PostgresPoolClient;
  }

  async end(): Promise<void> {
    await this.#queue;
    await this.#db.close();
  }
}

function lastResult(results: Awaited<ReturnType<PGlite['exec']>>) {
  return results[results.length - 1] ?? { rows: [], affectedRows: 0, fields: [] };
}

/** node-postgres returns Buffer for bytea; PGlite returns Uint8Array. Store code sees Buffer either way. */
function normaliseRow(row: Record<string, unknown>): Record<string, unknown> {
  for (const key of Object.keys(row)) {
    const value = row[key];
    if (value instanceof Uint8Array && !Buffer.isBuffer(value)) row[key] = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  }
  return row;
}
