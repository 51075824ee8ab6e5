import { createHash } from 'node:crypto';
import { currentPolicyVersion } from '../policy-versions/current-policy-version.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { addDuration } from '../config/duration.js';
import { inTransaction } from '../context/request-context.js';
import { translator } from '../i18n/i18n.js';
import { userAgentFamily } from '../http/client-info.js';
import { contextOf, csrfToken, type ServerKit } from '../http/server-kit.js';
import { currentRegister } from '../register/current-register.js';
import {
  choiceCookieName, cookieListVersion, grantedCategories, hasGpcSignal, isCurrent, newBrowserId, noticeVersionOf, parseChoice, serialiseChoice,
  type Cookie, type OptionalCategory, type StoredChoice,
} from './consent-choice.js';
import { recordGpcRefusal, type ChoiceWho, type CookieNotice } from './save-cookie-choice.js';

/** What a page needs to know about the visitor's cookie choice; set by the hook below. */
export interface CookieConsentView {
  readonly cookies: readonly Cookie[];
  /** The stored choice when it is still current (unexpired, same cookie list and notice), else null. */
  readonly choice: StoredChoice | null;
  /** A browser id for a new choice: the stored one when there is one. */
  readonly browserId: string;
  readonly gpc: boolean;
  readonly granted: readonly OptionalCategory[];
  readonly deniedServices: readonly string[];
  /** No current answer yet: the banner is rendered into the page. */
  readonly showBanner: boolean;
  readonly listVersion: string;
  readonly notice: CookieNotice;
  /** The form token for the banner, created only when the banner is rendered. */
  readonly csrfToken: () => string;
}

declare module 'fastify' {
  interface FastifyRequest {
    cookieConsent?: CookieConsentView;
    /** A per-response CSP nonce, on pages that allow nonce-bearing scripts. */
    cspNonce?: string;
    /** Load the banner's script and style even without a banner (the settings page). */
    consentBannerCode?: boolean;
  }
}

const bannerKeys = ['consent.banner.text', 'consent.banner.policy', 'consent.acceptAll', 'consent.rejectAll', 'consent.settings'] as const;

/** The banner's canonical (English) wording; its hash is the notice version. */
export function bannerNoticeText(): string {
  const tr = translator('en');
  return bannerKeys.map((key) => tr(key)).join('\n');
}

/** The banner's notice: its wording plus the privacy policy in force (the banner links to it). */
export function cookieNotice(listVersion: string, policy: { version: number; noticeTextHash: string } | null): CookieNotice {
  const text = bannerNoticeText();
  const choiceVersion = noticeVersionOf(`${text}\n${policy?.noticeTextHash ?? 'unpublished'}`);
  return {
    version: `cookies-${choiceVersion}-${listVersion}-policy-${policy?.version ?? 'unpublished'}`,
    textHash: createHash('sha256').update(text, 'utf8').digest('hex'),
    choiceVersion,
  };
}

export function choiceCookieOptions(kit: ServerKit, expiresAt: Date) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: kit.deps.config.http.secureCookies, expires: expiresAt };
}

export function whoOf(request: FastifyRequest, browserId: string): ChoiceWho {
  return { browserId, subjectId: request.account?.subjectId ?? null, userAgentFamily: userAgentFamily(request.headers['user-agent']) };
}

/** Reads the choice cookie and the register once per page request; honours GPC without asking. */
export async function loadCookieConsent(kit: ServerKit, request: FastifyRequest, reply: FastifyReply): Promise<CookieConsentView> {
  const { deps } = kit;
  const now = deps.now();
  const cookies = (await currentRegister(deps.db)).register.cookies;
  const listVersion = cookieListVersion(cookies);
  const notice = cookieNotice(listVersion, await currentPolicyVersion(deps.db, now));
  const stored = parseChoice(request.cookies[choiceCookieName]);
  let choice = isCurrent(stored, { listVersion, noticeVersion: notice.choiceVersion, now }) ? stored : null;
  const browserId = stored?.browserId ?? newBrowserId();
  const gpc = hasGpcSignal(request.headers['sec-gpc']);
  if (gpc && request.method === 'GET' && !choice?.gpcRecorded) {
    const expiresAt = addDuration(now, deps.config.cookieChoiceTtl);
    await inTransaction(deps.db, contextOf(request, 'dpv:LegalCompliance'), (ctx) => recordGpcRefusal(ctx, { who: whoOf(request, browserId), previous: choice, notice, expiresAt }));
    choice = {
      browserId, listVersion, noticeVersion: notice.choiceVersion,
      categories: (choice?.categories ?? []).filter((c) => c !== 'marketing'),
      deniedServices: choice?.deniedServices ?? [],
      expiresAt: choice?.answered ? choice.expiresAt : expiresAt,
      answered: choice?.answered ?? false,
      gpcRecorded: true,
    };
    reply.setCookie(choiceCookieName, serialiseChoice(choice), choiceCookieOptions(kit, choice.expiresAt));
  }
  return {
    cookies, choice, browserId, gpc,
    granted: grantedCategories(choice, gpc),
    deniedServices: choice?.deniedServices ?? [],
    showBanner: !choice?.answered,
    listVersion,
    notice,
    csrfToken: () => csrfToken(kit, request, reply),
  };
}

/** Every HTML page route (never the API, assets or operations) gets `request.cookieConsent`. */
export function registerCookieConsentHook(kit: ServerKit): void {
  let pages: Set<string> | null = null;
  kit.app.addHook('preHandler', async (request, reply) => {
    pages ??= new Set(kit.registry.routes.filter((r) => r.kind === 'page').map((r) => `${r.method} ${r.url}`));
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    if (!pages.has(`${method} ${request.routeOptions.url ?? ''}`)) return;
    request.cookieConsent = await loadCookieConsent(kit, request, reply);
  });
}
