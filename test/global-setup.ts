import type { TestProject } from 'vitest/node';
import { findPostgresBin, startThrowawayCluster } from './postgres-cluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string;
  }
}

/**
 * Every store test runs on PGlite and on a real PostgreSQL server. Without the server binaries the
 * suite fails with instructions: a green run must mean both databases were exercised.
 */
export default async function setup(project: TestProject) {
  if (process.env.CUSTODIAN_TEST_DATABASE_URL) {
    project.provide('postgresAdminUrl', process.env.CUSTODIAN_TEST_DATABASE_URL);
    return;
  }
  const bin = findPostgresBin();
  if (!bin) {
    throw new Error(
      '\n\n*** PostgreSQL server binaries (initdb, pg_ctl) were not found. ***\n' +
        'Install them (apt-get install postgresql) or run `bash .ci/run`, which does,\n' +
        'or point CUSTODIAN_TEST_DATABASE_URL at a server where the user may create databases.\n',
    );
  }
  const cluster = await startThrowawayCluster(bin);
  project.provide('postgresAdminUrl', cluster.adminUrl);
  return () => cluster.stop();
}
