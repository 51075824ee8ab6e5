import type { ContextWithoutTransaction } from '../context/request-context.js';
import { systemContext } from '../context/request-context.js';
import type { AppDeps } from '../http/app-deps.js';
import { createAnnouncement, publishAnnouncement } from './manage-announcements.js';
import { postComment } from './post-comment.js';
import { listAllAnnouncements } from './read-community.js';

const announcements = [
  { title: 'Planned maintenance of the mail cluster', body: 'On Saturday night between 01:00 and 03:00 UTC we move the mail cluster to new hardware. Mail is queued during the move and delivered afterwards; nothing is lost.\n\nStatus updates: /community', publish: true },
  { title: 'PHP 8.3 is now available on all plans', body: 'You can switch each site to PHP 8.3 in the control panel. PHP 8.1 stays available until the end of the year.', publish: true },
  { title: 'New data centre in Frankfurt', body: 'From next month new servers can be placed in our Frankfurt data centre. Existing services stay where they are unless you ask us to move them.', publish: false },
] as const;

const comments = [
  'Thanks for the heads-up! Will webmail be reachable during the move?',
  'Great news, our shop has been waiting for this.',
  'Does the switch need a restart of the site?',
  'Worked fine for us, no issues after switching.',
  'Will there be a maintenance window for existing servers as well?',
] as const;

const demoContext = (): ContextWithoutTransaction => ({ ...systemContext('dpv:ServiceProvision'), requestId: 'demo-seed' });

/**
 * A few announcements (one still a draft) with comments from demo customers, through the same use
 * cases as the console and the public pages. Deterministic for a given `random`; skipped when the
 * demo announcements already exist.
 */
export async function seedCommunityDemo(deps: AppDeps, customers: ReadonlyArray<{ accountId: string; subjectId: string }>, random: () => number): Promise<void> {
  if ((await listAllAnnouncements(deps)).some((a) => a.title === announcements[0].title)) return;
  let next = 0;
  for (const item of announcements) {
    const id = await createAnnouncement(deps, demoContext(), null, { title: item.title, body: item.body });
    if (!item.publish) continue;
    await publishAnnouncement(deps, demoContext(), id);
    const commenters = customers.filter(() => random() < 0.6).slice(0, 3);
    for (const customer of commenters) {
      const context: ContextWithoutTransaction = { actor: { type: 'customer', id: customer.accountId }, purpose: 'dpv:ServiceProvision', ip: null, requestId: 'demo-seed' };
      await postComment(deps, context, customer, id, comments[next % comments.length]!);
      next += 1;
    }
  }
}
