import { openSignedFields, signFields, uuidPattern } from '../consent/signed-token.js';

const domain = 'careers.application';

/**
 * The applicant's private status link: the application id signed with the instance's token key.
 * It needs no account and no stored secret; nobody can make one for another application.
 */
export function applicationStatusToken(key: Buffer, applicationId: string): string {
  return signFields(key, domain, [applicationId]);
}

/** The application id of a genuine token, or null for anything forged, altered or malformed. */
export function openApplicationStatusToken(key: Buffer, token: string): string | null {
  const [applicationId = ''] = openSignedFields(key, domain, token, 1) ?? [];
  return uuidPattern.test(applicationId) ? applicationId : null;
}

export function applicationStatusUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/$/, '')}/careers/applications/${token}`;
}
