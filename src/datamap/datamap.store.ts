import { sql, type Kysely } from 'kysely';

/** The live schema as the database reports it: table name to column names. */
export async function liveColumns(db: Kysely<any>): Promise<Map<string, Set<string>>> {
  const result = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns
    where table_schema = current_schema() order by table_name, ordinal_position`.execute(db);
  const tables = new Map<string, Set<string>>();
  for (const row of result.rows) {
    if (!tables.has(row.table_name)) tables.set(row.table_name, new Set());
    tables.get(row.table_name)!.add(row.column_name);
  }
  return tables;
}
