import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/database.types.js';

/**
 * Generic reads for a subject's record. Table and column names come only from the data map
 * (trusted code), never from a request; values are always bound parameters.
 */

/** Which columns of the live schema hold bytes (bytea), per table. */
export async function binaryColumns(db: Kysely<Database>): Promise<Map<string, Set<string>>> {
  const result = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns
    where table_schema = current_schema() and data_type = 'bytea'`.execute(db);
  const byTable = new Map<string, Set<string>>();
  for (const row of result.rows) {
    if (!byTable.has(row.table_name)) byTable.set(row.table_name, new Set());
    byTable.get(row.table_name)!.add(row.column_name);
  }
  return byTable;
}

/** Rows that belong to a subject: a column equal to a value, or a principal kind and id. */
export type RowFilter = { readonly column: string; readonly value: string } | { readonly kindColumn: string; readonly kind: string; readonly idColumn: string; readonly id: string };

/** How one column is read: its value, only its size in bytes, or its value when small enough plus its size. */
export type ColumnRead = { readonly column: string; readonly read: 'value' | 'size' | 'sealed' };

export interface TableRead {
  readonly table: string;
  readonly filter: RowFilter;
  readonly columns: readonly ColumnRead[];
  readonly orderBy: string | null;
  readonly limit: number;
  /** Sealed values larger than this are not fetched; only their size is. */
  readonly maxSealedBytes: number;
}

/** Size of column `c` is returned as `c__bytes`. */
export const sizeSuffix = '__bytes';

export async function readSubjectRows(db: Kysely<Database>, read: TableRead): Promise<{ rows: Record<string, unknown>[]; total: number }> {
  const anyDb = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  const selections: RawBuilder<unknown>[] = [];
  for (const { column, read: how } of read.columns) {
    const ref = sql.ref(column);
    if (how === 'value') selections.push(sql`${ref}`.as(column) as unknown as RawBuilder<unknown>);
    if (how === 'size' || how === 'sealed') selections.push(sql`octet_length(${ref})`.as(column + sizeSuffix) as unknown as RawBuilder<unknown>);
    if (how === 'sealed') selections.push(sql`case when octet_length(${ref}) <= ${read.maxSealedBytes} then ${ref} end`.as(column) as unknown as RawBuilder<unknown>);
  }
  const filter = read.filter;
  const base = () => {
    const query = anyDb.selectFrom(read.table);
    return 'column' in filter ? query.where(sql.ref(filter.column), '=', filter.value) : query.where(sql.ref(filter.kindColumn), '=', filter.kind).where(sql.ref(filter.idColumn), '=', filter.id);
  };
  let rowsQuery = base().select(selections as never).limit(read.limit);
  if (read.orderBy) rowsQuery = rowsQuery.orderBy(sql.ref(read.orderBy), 'desc');
  const rows = (await rowsQuery.execute()) as Record<string, unknown>[];
  if (rows.length < read.limit) return { rows, total: rows.length };
  const count = (await base().select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow()) as { n: string | number };
  return { rows, total: Number(count.n) };
}
