import { z } from 'zod';
import { contextOf, type ServerKit } from '../http/server-kit.js';
import { profileFields } from './profile-fields.js';
import { profilePatchSchema, profileResponseSchema, valuesFromPatch } from './profile-schemas.js';
import { profileJson, readProfile } from './read-profile.js';
import { updateProfile } from './update-profile.js';

/**
 * Rectification on request (Art 16 GDPR), e.g. a customer who writes in because they cannot sign
 * in: the privacy officer corrects the profile, and the customer's history names staff as the actor.
 * The sign-in address is not changeable here; only its owner can, by confirming the new mailbox.
 */
export function registerStaffRectificationRoutes(kit: ServerKit): void {
  const { deps } = kit;
  kit.route({
    method: 'PATCH', url: '/api/v1/staff/customers/:accountId/profile', kind: 'api', auth: { kind: 'staff', permission: 'privacy.manage' }, tags: ['profile', 'staff'],
    summary: 'Corrects a customer\'s profile on their request; absent keys stay, null clears. The customer sees the change in their history.',
    params: z.object({ accountId: z.uuid() }),
    body: profilePatchSchema,
    responses: { 200: { description: 'The fields that changed and the profile now', schema: z.object({ changed: z.array(z.enum(profileFields)), profile: profileResponseSchema }) }, 404: { description: 'No such account' } },
    handler: async ({ request, params, body }) => {
      const { subjectId } = await readProfile(deps, deps.db, params.accountId);
      const { changed } = await updateProfile(deps, contextOf(request, 'dpv:AccountManagement'), { accountId: params.accountId, subjectId }, valuesFromPatch(body));
      return { changed, profile: profileJson(await readProfile(deps, deps.db, params.accountId)) };
    },
  });
}
