import { SubjectKeyShreddedError, type Keyring, type SubjectCipher } from '../crypto/keyring.js';
import { dataMap } from '../datamap/datamap.registry.js';
import type { ColumnDeclaration, TableDeclaration } from '../datamap/datamap.types.js';
import type { LegalBasis, PersonalDataCategory, Purpose } from '../datamap/vocabulary.js';
import type { AppDeps } from '../http/app-deps.js';
import { binaryColumns, readSubjectRows, sizeSuffix, type ColumnRead, type RowFilter } from './subject-record.store.js';

/** One value as a record shows it; bytes and secrets never leave as content. */
export type RecordValue =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'empty' }
  /** Binary data or file contents: only the size. */
  | { readonly kind: 'bytes'; readonly bytes: number }
  /** Password hashes and sign-in secrets: present, never shown. */
  | { readonly kind: 'secret' }
  /** Sealed, but the key no longer opens it (the subject was erased, or another person's key sealed it). */
  | { readonly kind: 'unreadable' };

export interface RecordColumn {
  readonly name: string;
  readonly category: PersonalDataCategory | null;
  readonly encrypted: boolean;
}

export interface RecordTable {
  readonly table: string;
  readonly description: string;
  readonly purposes: readonly Purpose[];
  readonly legalBasis: LegalBasis | null;
  readonly columns: readonly RecordColumn[];
  /** Newest first, each aligned with `columns`. */
  readonly rows: readonly (readonly RecordValue[])[];
  /** How many rows the subject has in this table; more than `rows.length` when capped. */
  readonly total: number;
}

export interface SubjectRecord {
  readonly subjectId: string;
  readonly accountId: string | null;
  /** Tables holding rows of this subject, in data-map order. */
  readonly tables: readonly RecordTable[];
  /** Subject-linked tables that hold nothing about this subject. */
  readonly emptyTables: readonly string[];
  readonly rowLimit: number;
}

export interface ReadSubjectRecordOptions {
  /** Newest rows per table; the record notes when a table holds more. */
  readonly rowLimit?: number;
}

const defaultRowLimit = 200;
/** Sealed values larger than this are shown by size only (they are files, not fields). */
const maxSealedBytes = 64 * 1024;
/** version byte + IV + GCM tag, see crypto/envelope.ts. */
const sealOverhead = 1 + 12 + 16;
/** Columns holding file contents are never opened, whatever their size. */
const fileColumn = /(^|_)(content|data|file|blob|document|pdf|attachment|image|cv)(_enc)?$/;
/** Categories whose values are credentials: their presence is part of the record, their value is not. */
const secretCategories: ReadonlySet<PersonalDataCategory> = new Set(['pd:Password', 'pd:Authenticating']);
const orderPreference = ['created_at', 'occurred_at', 'granted_at', 'issued_at', 'submitted_at', 'updated_at'];

/**
 * Everything Custodian holds about one subject (and their account), derived from the data map:
 * every table whose subject link is a column (or, with an account, a principal) is read, sealed
 * columns are opened with the subject's key, bytes are shown by size. There is no second list of
 * tables: a table added to the map appears here by itself. Staff views and access exports use it.
 */
export async function readSubjectRecord(deps: Pick<AppDeps, 'db' | 'keyring'>, subjectId: string, accountId: string | null, options: ReadSubjectRecordOptions = {}): Promise<SubjectRecord> {
  const rowLimit = options.rowLimit ?? defaultRowLimit;
  const binary = await binaryColumns(deps.db);
  const cipher = await openCipher(deps.keyring, deps.db, subjectId);
  const tables: RecordTable[] = [];
  const emptyTables: string[] = [];
  for (const declaration of dataMap) {
    const filter = filterFor(declaration, subjectId, accountId);
    if (!filter) continue;
    const columns = Object.entries<ColumnDeclaration>(declaration.columns).map(([name, column]) => ({ name, column }));
    const binaryHere = binary.get(declaration.table) ?? new Set<string>();
    const reads: ColumnRead[] = columns.map(({ name, column }) => ({ column: name, read: readOf(name, column, binaryHere.has(name)) }));
    const { rows, total } = await readSubjectRows(deps.db, { table: declaration.table, filter, columns: reads, orderBy: orderColumn(declaration), limit: rowLimit, maxSealedBytes: maxSealedBytes + sealOverhead });
    if (total === 0) {
      emptyTables.push(declaration.table);
      continue;
    }
    tables.push({
      table: declaration.table,
      description: declaration.description,
      purposes: declaration.purposes,
      legalBasis: declaration.legalBasis,
      columns: columns.map(({ name, column }) => ({ name, category: column.category, encrypted: column.category !== null && column.encrypted === true })),
      rows: rows.map((row) => reads.map((read, i) => present(declaration.table, read, columns[i]!.column, row, cipher))),
      total,
    });
  }
  return { subjectId, accountId, tables, emptyTables, rowLimit };
}

function filterFor(declaration: TableDeclaration, subjectId: string, accountId: string | null): RowFilter | null {
  const link = declaration.subjectLink;
  if (link.via === 'column') return { column: link.column, value: subjectId };
  if (link.via === 'principal' && accountId) return { kindColumn: link.kindColumn, kind: 'account', idColumn: link.idColumn, id: accountId };
  return null;
}

function readOf(name: string, column: ColumnDeclaration, isBinary: boolean): ColumnRead['read'] {
  if (!isBinary) return 'value';
  const sealed = column.category !== null && column.encrypted === true && !secretCategories.has(column.category);
  return sealed && !fileColumn.test(name) ? 'sealed' : 'size';
}

function orderColumn(declaration: TableDeclaration): string | null {
  const names = Object.keys(declaration.columns);
  return orderPreference.find((name) => names.includes(name)) ?? names.find((name) => name.endsWith('_at')) ?? null;
}

async function openCipher(keyring: Keyring, db: AppDeps['db'], subjectId: string): Promise<SubjectCipher | null> {
  try {
    return await keyring.forSubject(db, subjectId);
  } catch (error) {
    if (error instanceof SubjectKeyShreddedError) return null;
    throw error;
  }
}

function present(table: string, read: ColumnRead, column: ColumnDeclaration, row: Record<string, unknown>, cipher: SubjectCipher | null): RecordValue {
  if (read.read === 'size' || read.read === 'sealed') {
    const size = row[read.column + sizeSuffix];
    if (size === null || size === undefined) return { kind: 'empty' };
    const bytes = Number(size);
    if (column.category !== null && secretCategories.has(column.category)) return { kind: 'secret' };
    const isSealed = column.category !== null && column.encrypted === true;
    if (read.read === 'size') return { kind: 'bytes', bytes: isSealed ? Math.max(0, bytes - sealOverhead) : bytes };
    const sealed = row[read.column];
    if (!Buffer.isBuffer(sealed) && !(sealed instanceof Uint8Array)) return { kind: 'bytes', bytes: Math.max(0, bytes - sealOverhead) };
    return openValue(cipher, Buffer.from(sealed), `${table}.${read.column}`);
  }
  const value = row[read.column];
  if (value === null || value === undefined) return { kind: 'empty' };
  if (column.category !== null && secretCategories.has(column.category)) return { kind: 'secret' };
  return { kind: 'text', text: asText(value) };
}

function openValue(cipher: SubjectCipher | null, sealed: Buffer, field: string): RecordValue {
  if (!cipher) return { kind: 'unreadable' };
  let text: string;
  try {
    text = cipher.decrypt(sealed, field);
  } catch {
    return { kind: 'unreadable' };
  }
  // Bytes that are not text (a file sealed in an unexpected column) are shown by size only.
  // eslint-disable-next-line no-control-regex
  if (text.includes('\uFFFD') || /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(text)) return { kind: 'bytes', bytes: sealed.length - sealOverhead };
  return { kind: 'text', text };
}

function asText(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
