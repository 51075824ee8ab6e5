import { pick } from '../demo/seeded-random.js';
import type { ApplicationStatus } from '../careers/careers.tables.js';
import { chance, DAY, HOUR, timeBetween, type PlanContext } from './plan-context.js';
import { planPerson, type PersonPlan } from './plan-person.js';
import { SubjectSource } from './scale-ids.js';
import { coverLetters, reviewNotes } from './scale-texts.js';

export interface ApplicantPlan {
  readonly index: number;
  readonly ids: SubjectSource;
  readonly person: PersonPlan;
  readonly withPhone: boolean;
  readonly opening: number;
  readonly coverLetter: string;
  readonly receivedAt: number;
  readonly status: ApplicationStatus;
  readonly statusChangedAt: number;
  readonly removalRequestedAt: number | null;
  readonly retentionStartsAt: number | null;
  readonly notes: ReadonlyArray<{ readonly at: string; readonly text: string }>;
}

/**
 * Applications received over the applicants retention period and the weeks a decision takes: new
 * ones wait, older ones were decided (mostly rejected) or withdrawn. A decision starts the retention
 * period (src/careers/careers.tables.ts); the oldest have just passed it.
 */
export function planApplicant(ctx: PlanContext, index: number): ApplicantPlan {
  const ids = new SubjectSource(ctx.seed, 'applicant', index);
  const random = ids.random;
  const person = planPerson(random, `a${(index + 1).toString(36)}`);
  const receivedAt = ctx.asOf - Math.floor(random() * ctx.windows.applicantDays * DAY) - HOUR;
  const decidedAt = receivedAt + 7 * DAY + Math.floor(random() * 38 * DAY);
  const roll = random();
  let status: ApplicationStatus = 'received';
  if (decidedAt < ctx.asOf) status = roll < 0.75 ? 'rejected' : roll < 0.79 ? 'hired' : roll < 0.87 ? 'withdrawn' : roll < 0.9 ? 'offered' : 'reviewing';
  else if (ctx.asOf - receivedAt > 3 * DAY) status = chance(random, 0.5) ? 'reviewing' : 'received';
  const closing = status === 'rejected' || status === 'hired' || status === 'withdrawn';
  const changedAt = status === 'received' ? receivedAt : status === 'reviewing' ? timeBetween(random, receivedAt + HOUR, Math.min(decidedAt, ctx.asOf)) : decidedAt;
  const notes = status === 'received' || status === 'withdrawn' ? [] : [{ at: new Date(changedAt).toISOString(), text: pick(random, reviewNotes) }];
  return {
    index, ids, person,
    withPhone: chance(random, 0.6),
    opening: Math.floor(random() * ctx.openings),
    coverLetter: pick(random, coverLetters),
    receivedAt,
    status,
    statusChangedAt: changedAt,
    removalRequestedAt: status === 'withdrawn' ? decidedAt : null,
    retentionStartsAt: closing ? decidedAt : null,
    notes,
  };
}
