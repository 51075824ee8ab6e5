import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../test/test-database.js';
import { dataMap } from './datamap.registry.js';
import { compareWithSchema } from './compare-with-schema.js';
import { liveColumns } from './datamap.store.js';
import { personalDataCategories, purposes } from './vocabulary.js';

describe.each(databaseKinds)('data map against the live schema (%s)', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(async () => database.dispose());

  it('declares every column of every table, and nothing that does not exist', async () => {
    const mismatches = compareWithSchema(dataMap, await liveColumns(database.db));
    expect(mismatches).toEqual([]);
  });

  it('fails when a column is added without a declaration', async () => {
    await sql`alter table accounts add column favourite_colour text`.execute(database.db);
    try {
      const mismatches = compareWithSchema(dataMap, await liveColumns(database.db));
      expect(mismatches).toEqual([{ table: 'accounts', column: 'favourite_colour', problem: 'column not declared' }]);
    } finally {
      await sql`alter table accounts drop column favourite_colour`.execute(database.db);
    }
  });

  it('fails when a table is added without a declaration', async () => {
    await sql`create table newsletter_guesses (id int, email text)`.execute(database.db);
    try {
      const mismatches = compareWithSchema(dataMap, await liveColumns(database.db));
      expect(mismatches).toEqual([{ table: 'newsletter_guesses', problem: 'table not declared' }]);
    } finally {
      await sql`drop table newsletter_guesses`.execute(database.db);
    }
  });
});

describe('data map declarations', () => {
  it('reports a declared column that the schema lacks', () => {
    const live = new Map([['settings', new Set(['key', 'value'])]]);
    const settings = dataMap.filter((d) => d.table === 'settings');
    expect(compareWithSchema(settings, live)).toEqual([{ table: 'settings', column: 'updated_at', problem: 'declared column missing' }]);
  });

  it('uses only known DPV terms and names a legal basis wherever personal data is held', () => {
    for (const table of dataMap) {
      for (const purpose of table.purposes) expect(purposes).toContain(purpose);
      const personalColumns = Object.values(table.columns).filter((c) => c.category !== null);
      for (const column of personalColumns) expect(personalDataCategories).toContain(column.category);
      if (personalColumns.length > 0) {
        expect(table.legalBasis, `${table.table} has personal data`).not.toBeNull();
        expect(table.subjectLink.via, `${table.table} must link rows to their subject`).not.toBe('none');
      }
    }
  });

  it('keeps personal data past erasure only under a named legal basis and period', () => {
    for (const table of dataMap) {
      for (const [name, column] of Object.entries(table.columns)) {
        if (column.category !== null && column.erasure.action === 'keep') {
          expect(column.erasure.reason.length, `${table.table}.${name}`).toBeGreaterThan(20);
          expect(column.erasure.period).toBeDefined();
        }
      }
    }
  });
});
