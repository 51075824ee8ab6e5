import { createHash } from 'node:crypto';
import { taxRateBasisPoints } from '../billing/invoice-amounts.js';
import { durationMs } from '../config/duration.js';
import type { AppDeps } from '../http/app-deps.js';
import type { Insertable } from 'kysely';
import type { AnnouncementsTable } from '../community/community.tables.js';
import type { JobOpeningsTable } from '../careers/careers.tables.js';
import { DAY, HOUR, type PlanContext } from './plan-context.js';
import { planMix, scaleRatios as ratios, tldMix } from './scale-ratios.js';
import type { StoredCatalogue } from './scale-data.store.js';
import { globalId } from './scale-ids.js';
import { announcementTopics, openingTexts } from './scale-texts.js';

export type ScaleDeps = Pick<AppDeps, 'db' | 'keyring' | 'config' | 'adapters'>;

const days = (duration: string) => Math.ceil(durationMs(duration) / DAY);

/** Shares from the mix for the plans the catalogue has; a catalogue without any of them gets an even mix. */
function mixOf<T>(items: readonly T[], key: (item: T) => string, mix: ReadonlyArray<readonly [string, number]>): Array<readonly [T, number]> {
  const weighted = items.map((item) => [item, mix.find(([code]) => code === key(item))?.[1] ?? 0] as const);
  return weighted.some(([, weight]) => weight > 0) ? weighted.filter(([, weight]) => weight > 0) : items.map((item) => [item, 1] as const);
}

/** Everything plans depend on, from the configuration and the stored catalogues. */
export function planContextFor(deps: ScaleDeps, catalogue: StoredCatalogue, options: { subjects: number; seed: number; asOf: Date }): PlanContext {
  const retention = deps.config.retention;
  const asOf = options.asOf.getTime();
  const historyStart = asOf - ratios.historyDays * DAY;
  const spacing = Math.floor(ratios.historyDays / announcementTopics.length / 6) * DAY;
  return {
    seed: options.seed,
    subjects: options.subjects,
    asOf,
    asOfDay: Math.floor(asOf / DAY),
    plans: mixOf(catalogue.plans, (plan) => plan.code, planMix),
    tlds: mixOf(catalogue.tlds, (tld) => tld.tld, tldMix),
    windows: {
      signInDays: days(retention.signInEvents) + ratios.sweepBacklogDays,
      licenceCheckDays: days(retention.licenceChecks) + ratios.sweepBacklogDays,
      idDocumentDays: days(retention.idDocuments) + ratios.sweepBacklogDays,
      // Received over the period, plus the weeks a decision takes, plus the backlog.
      applicantDays: days(retention.applicants) + 45 + ratios.sweepBacklogDays,
    },
    sessionTtlMs: durationMs(deps.config.sessions.ttl),
    announcements: Array.from({ length: announcementTopics.length * 6 }, (_, a) => historyStart + a * spacing + 9 * HOUR),
    openings: openingTexts.length,
  };
}

/** A digest of what plans and rows depend on besides seed and size: a resumed run must see the same. */
export function contextDigest(ctx: PlanContext, deps: ScaleDeps): string {
  const { plans, tlds, windows, sessionTtlMs } = ctx;
  const billing = { rate: taxRateBasisPoints(deps.config.billing), currency: deps.config.billing.currency, processor: deps.adapters.payments.name };
  return createHash('sha256').update(JSON.stringify({ plans, tlds, windows, sessionTtlMs, billing })).digest('hex').slice(0, 16);
}

export function openingRows(ctx: PlanContext): Array<Insertable<JobOpeningsTable> & { id: string }> {
  const at = new Date(ctx.asOf - (ctx.windows.applicantDays + 30) * DAY);
  return openingTexts.map((opening, k) => ({ id: globalId(ctx.seed, 'opening', k), ...opening, status: 'open', created_at: at, updated_at: at }));
}

export function announcementRows(ctx: PlanContext): Array<Insertable<AnnouncementsTable> & { id: string }> {
  return ctx.announcements.map((publishedAt, a) => {
    const topic = announcementTopics[a % announcementTopics.length]!;
    const at = new Date(publishedAt);
    return { id: globalId(ctx.seed, 'announcement', a), author_subject_id: null, title: topic.title, body: topic.body, published_at: at, created_at: at, updated_at: at };
  });
}
