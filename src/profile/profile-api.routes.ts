import { z } from 'zod';
import { accountInScope } from '../http/principal.js';
import { contextOf, type ServerKit } from '../http/server-kit.js';
import { contactRoles } from './profile.tables.js';
import { profileFields } from './profile-fields.js';
import { profilePatchSchema, profileResponseSchema, valuesFromPatch } from './profile-schemas.js';
import { historyJson, mayReadContacts, readProfileHistory } from './read-profile-history.js';
import { profileJson, readProfile } from './read-profile.js';
import { updateProfile } from './update-profile.js';

const auth = { kind: 'account', area: 'profile' } as const;
const tags = ['profile'];

const historyEntrySchema = z.object({
  id: z.uuid(),
  changedAt: z.iso.datetime(),
  field: z.string(),
  contactId: z.uuid().nullable(),
  contactRole: z.enum(contactRoles).nullable(),
  oldValue: z.string().nullable(),
  newValue: z.string().nullable(),
  erased: z.boolean().describe('The values belonged to a contact who has since been removed and erased'),
  actor: z.object({ type: z.string(), name: z.string().nullable() }),
});

/** The profile as JSON: read, correct (PATCH: absent keys stay, null clears), history. */
export function registerProfileApiRoutes(kit: ServerKit): void {
  const { deps } = kit;

  kit.route({
    method: 'GET', url: '/api/v1/profile', kind: 'api', auth, tags,
    summary: 'The profile of the account in scope (your own, or the one you act for with the profile grant).',
    responses: { 200: { description: 'The profile', schema: profileResponseSchema } },
    handler: async ({ account }) => profileJson(await readProfile(deps, deps.db, accountInScope(account!).accountId)),
  });

  kit.route({
    method: 'PATCH', url: '/api/v1/profile', kind: 'api', auth, tags, body: profilePatchSchema,
    summary: 'Corrects profile fields; absent keys stay, null clears. Each changed field enters the history.',
    responses: { 200: { description: 'The fields that changed and the profile now', schema: z.object({ changed: z.array(z.enum(profileFields)), profile: profileResponseSchema }) } },
    handler: async ({ request, account, body }) => {
      const target = accountInScope(account!);
      const { changed } = await updateProfile(deps, contextOf(request, 'dpv:AccountManagement'), target, valuesFromPatch(body));
      return { changed, profile: profileJson(await readProfile(deps, deps.db, target.accountId)) };
    },
  });

  kit.route({
    method: 'GET', url: '/api/v1/profile/history', kind: 'api', auth, tags,
    summary: 'The rectification history of the profile and contacts, newest first; contact entries only for the owner or a trusted user with the contacts grant.',
    responses: { 200: { description: 'History entries', schema: z.object({ entries: z.array(historyEntrySchema) }) } },
    handler: async ({ account }) => ({ entries: (await readProfileHistory(deps.db, deps.keyring, accountInScope(account!).accountId, { includeContacts: mayReadContacts(account!) })).map(historyJson) }),
  });
}
