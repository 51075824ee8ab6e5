import { systemContext } from '../context/request-context.js';
import type { AppDeps } from '../http/app-deps.js';
import { loadAccountProfile } from '../accounts/account-profile.js';
import type { AccountArea } from './account-areas.js';
import { acceptInvitation } from './accept-invitation.js';
import { GrantRefused } from './grant-refused.js';
import { issueInvitation } from './invite-trusted-user.js';

/**
 * Demo: the owner invites the person (by the person's own address) to the given areas and the
 * person accepts, through the same use cases the pages use. A person who already acts for the
 * owner's account is left as is.
 */
export async function seedTrustedUsersDemo(
  deps: AppDeps,
  owner: { accountId: string; subjectId: string },
  person: { accountId: string; subjectId: string },
  areas: readonly AccountArea[],
): Promise<void> {
  const base = { ...systemContext('dpv:AccountManagement'), requestId: 'demo-seed' };
  const personProfile = await loadAccountProfile(deps.db, deps.keyring, person.accountId);
  try {
    const invitation = await issueInvitation(deps, { ...base, actor: { type: 'customer', id: owner.accountId } }, owner, { email: personProfile.email, areas });
    await acceptInvitation(deps, base, person, invitation.token);
  } catch (error) {
    if (error instanceof GrantRefused && error.reason === 'alreadyTrusted') return;
    throw error;
  }
}
