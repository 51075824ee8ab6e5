import { systemContext } from '../context/request-context.js';
import type { TestApp } from '../../test/test-app.js';
import type { ApiScope } from './api-clients.tables.js';
import { createApiClient } from './manage-api-clients.js';

/** An API client created through the use case; returns its id and the key (shown once). */
export async function createTestApiClient(t: TestApp, scopes: readonly ApiScope[], name = 'Test system'): Promise<{ id: string; key: string }> {
  const created = await createApiClient(t.app.deps.db, systemContext('dpv:ServiceSecurity'), { name, scopes, createdBySubjectId: null });
  return { id: created.client.id, key: created.key };
}

export const bearer = (key: string) => ({ authorization: `Bearer ${key}`, accept: 'application/json' });

/** A JSON request with a bearer key and no CSRF token, the way another system calls. */
export function callAsClient(t: TestApp, key: string, method: string, path: string, json?: unknown): Promise<Response> {
  return t.client().request(method, path, { ...(json === undefined ? {} : { json }), headers: bearer(key) });
}
