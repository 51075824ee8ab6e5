import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { loadApiClient } from '../api-clients/load-api-client.js';
import type { Config } from '../config/load-config.js';
import { addDuration } from '../config/duration.js';
import type { Database } from '../db/database.types.js';
import { readSetting } from '../settings/settings.store.js';
import { settingKeys } from '../settings/settings.keys.js';
import { findAccountForSession, findActingGrant, findStaffForSession } from './principal.store.js';
import { accountAreas, type AccountArea } from '../trusted-users/account-areas.js';
import type { ActingFor } from '../http/principal.js';
import { hashToken, sessionCookieNames } from './session-cookies.js';
import { findLiveSession, touchSession, type SessionRow } from './sessions.store.js';

const touchEveryMs = 60_000;

/** Loads the customer and staff principal behind the request's cookies; expired or idle sessions count as none. */
export async function loadPrincipals(request: FastifyRequest, db: Kysely<Database>, config: Config, now = new Date()): Promise<void> {
  request.account = null;
  request.staff = null;
  request.apiClient = null;
  const authorization = request.headers.authorization;
  if (authorization !== undefined && /^bearer\s/i.test(authorization)) {
    // A bearer request is another system: its cookies, if any, never count (and it skips CSRF).
    request.apiClient = await loadApiClient(db, authorization.replace(/^bearer\s+/i, '').trim(), now);
    return;
  }
  const accountSession = await liveSession(request, db, config, 'account', now);
  if (accountSession) {
    const account = await findAccountForSession(db, accountSession.principal_id);
    if (account && account.status === 'active') {
      request.account = {
        kind: 'account',
        accountId: account.id,
        subjectId: account.subject_id,
        sessionId: accountSession.id,
        secondFactorVerified: accountSession.second_factor_verified,
        emailVerified: account.email_verified_at !== null,
        locale: account.locale,
        acting: accountSession.acting_for_account_id ? await actingFor(db, account.id, accountSession.acting_for_account_id) : null,
      };
      request.locale = account.locale;
    }
  }
  const staffSession = await liveSession(request, db, config, 'staff', now);
  if (staffSession) {
    const staff = await findStaffForSession(db, staffSession.principal_id);
    if (staff && staff.status === 'active') {
      const required = (await readSetting<boolean>(db, settingKeys.requireStaffTwoFactor)) === true;
      request.staff = {
        kind: 'staff',
        staffId: staff.id,
        subjectId: staff.subject_id,
        sessionId: staffSession.id,
        role: staff.role,
        secondFactorVerified: staffSession.second_factor_verified,
        mustEnrolSecondFactor: required && staff.totp_enabled_at === null,
      };
    }
  }
}

/** A revoked grant ends the acting at once: the next request is the person's own again. */
async function actingFor(db: Kysely<Database>, personAccountId: string, accountId: string): Promise<ActingFor | null> {
  const grant = await findActingGrant(db, personAccountId, accountId);
  if (!grant) return null;
  const areas = grant.areas.filter((area): area is AccountArea => (accountAreas as readonly string[]).includes(area));
  return { accountId, subjectId: grant.subjectId, grantId: grant.grantId, areas };
}

async function liveSession(request: FastifyRequest, db: Kysely<Database>, config: Config, kind: 'account' | 'staff', now: Date): Promise<SessionRow | null> {
  const token = request.cookies[sessionCookieNames[kind]];
  if (!token || token.length > 100) return null;
  const session = await findLiveSession(db, hashToken(token), kind, now);
  if (!session) return null;
  if (addDuration(session.last_seen_at, config.sessions.idleTtl) < now) return null;
  if (now.getTime() - session.last_seen_at.getTime() > touchEveryMs) await touchSession(db, session.id, now);
  return session;
}
