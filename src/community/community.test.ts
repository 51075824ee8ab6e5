import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpVerified, type SignedUpAccount } from '../../test/auth-helpers.js';
import type { HttpClient } from '../../test/http-client.js';
import { startTestApp, type TestApp } from '../../test/test-app.js';
import { databaseKinds } from '../../test/test-database.js';
import { inTransaction, systemContext } from '../context/request-context.js';
import { createTestStaff, signInStaffApi } from '../staff/staff.test-helpers.js';
import type { StaffRole } from '../staff/staff.tables.js';
import { seededRandom } from '../demo/seeded-random.js';
import { seedTrustedUsersDemo } from '../trusted-users/trusted-users.demo.js';
import { seedCommunityDemo } from './community.demo.js';
import { deattributeComments } from './deattribute-comments.js';

interface Person extends SignedUpAccount {
  readonly client: HttpClient;
}

const commentIdOf = (response: Response) => /#comment-([0-9a-f-]{36})$/.exec(response.headers.get('location') ?? '')?.[1] ?? '';

/**
 * Announcements and comments over HTTP: staff publish, verified customers comment under a name
 * derived from their account, authors delete their own, moderators hide, and erasure de-attributes.
 */
describe.each(databaseKinds)('community (%s)', (kind) => {
  let t: TestApp;
  let support: HttpClient;
  let billing: HttpClient;
  let alice: Person;
  let bob: Person;
  let announcementId: string;
  let draftId: string;

  async function person(firstName: string, lastName: string): Promise<Person> {
    const client = t.client();
    return { ...(await signUpVerified(t, client, { firstName, lastName })), client };
  }
  async function staffClient(role: StaffRole): Promise<HttpClient> {
    const client = t.client();
    await signInStaffApi(client, await createTestStaff(t, role));
    return client;
  }
  const comment = (client: HttpClient, body: string, id = announcementId) => client.postForm(`/community/${id}/comments`, { body });
  const commentRow = (id: string) => t.app.deps.db.selectFrom('announcement_comments').selectAll().where('id', '=', id).executeTakeFirst();
  const auditOf = (action: string) => t.app.deps.db.selectFrom('audit_events').select(['actor_type', 'actor_id', 'subject_id', 'details']).where('action', '=', action).execute();

  beforeAll(async () => {
    t = await startTestApp(kind);
    [support, billing] = await Promise.all([staffClient('support'), staffClient('billing')]);
    alice = await person('Alice', 'zephyr');
    bob = await person('Bob', 'Quill');
  }, 120_000);
  afterAll(async () => t?.close());

  it('staff with community.manage write drafts, edit and publish them; the public sees only published ones', async () => {
    const created = await support.postForm('/console/announcements', { title: 'Mail maintenance <Saturday>', body: 'We move the mail cluster.\n\nDetails: /privacy' });
    expect(created.status).toBe(303);
    announcementId = /\/console\/announcements\/([0-9a-f-]{36})\?done=created$/.exec(created.headers.get('location') ?? '')![1]!;
    const draft = await support.postForm('/console/announcements', { title: 'Still a draft', body: 'Not yet.' });
    draftId = /\/console\/announcements\/([0-9a-f-]{36})/.exec(draft.headers.get('location') ?? '')![1]!;
    expect((await t.client().get(`/community/${announcementId}`)).status).toBe(404);

    expect((await support.postForm(`/console/announcements/${announcementId}`, { title: 'Mail maintenance <Saturday>', body: 'We move the mail cluster at night.\n\nDetails: /privacy' })).status).toBe(303);
    expect((await support.postForm(`/console/announcements/${announcementId}/publish`, {})).status).toBe(303);
    const consolePage = await (await support.get(`/console/announcements/${announcementId}?done=published`)).text();
    expect(consolePage).toContain('The announcement is published.');
    expect(consolePage).toContain('<label for="field-body">Text</label>');

    const list = await (await t.client().get('/community')).text();
    expect(list).toContain('Mail maintenance &lt;Saturday&gt;');
    expect(list).not.toContain('Still a draft');
    const page = await (await t.client().get(`/community/${announcementId}`)).text();
    expect(page).toContain('We move the mail cluster at night.');
    expect(page).toContain('<a href="/privacy">/privacy</a>');
    expect(page).toContain('Sign in to comment.');
    const api = (await (await t.client().api('GET', '/api/v1/community/announcements')).json()) as { announcements: { id: string }[] };
    expect(api.announcements.map((a) => a.id)).toEqual([announcementId]);
    expect((await t.client().api('GET', `/api/v1/community/announcements/${draftId}`)).status).toBe(404);

    const audit = await auditOf('community.announcement_published');
    expect(audit).toEqual([{ actor_type: 'staff', actor_id: expect.any(String), subject_id: null, details: { announcementId } }]);
    const invalid = await support.postForm('/console/announcements', { title: '', body: 'x' });
    expect(invalid.status).toBe(400);
    expect(await invalid.text()).toContain('Give a title of 1 to 200 characters.');
  });

  it('refuses announcement management to staff without the permission and to customers', async () => {
    expect((await billing.get('/console/announcements')).status).toBe(403);
    expect((await billing.postForm('/console/announcements', { title: 'x', body: 'y' })).status).toBe(403);
    expect((await billing.postForm(`/console/announcements/${announcementId}/unpublish`, {})).status).toBe(403);
    expect((await alice.client.get('/console/announcements')).headers.get('location')).toMatch(/^\/console\/sign-in/);
    expect((await alice.client.postForm(`/console/announcements/${draftId}/publish`, {})).status).toBe(401);
    expect((await t.client().postForm('/console/announcements', { title: 'x', body: 'y' })).status).toBe(401);
    expect((await t.app.deps.db.selectFrom('announcements').select('id').execute())).toHaveLength(2);
  });

  it('a verified customer comments under a name derived from the account; card numbers are masked, nothing else stored', async () => {
    const posted = await comment(alice.client, 'Will webmail work?\nMy card 4111 1111 1111 1111 expires soon.');
    expect(posted.status).toBe(303);
    const id = commentIdOf(posted);
    const row = await commentRow(id);
    expect(row).toMatchObject({ author_subject_id: alice.subjectId, author_account_id: alice.accountId, hidden_at: null, deattributed_at: null });
    expect(row!.body).toBe('Will webmail work?\nMy card [card number removed, ending 1111] expires soon.');
    expect(JSON.stringify(row)).not.toContain('Alice');

    const page = await (await alice.client.get(`/community/${announcementId}?done=posted`)).text();
    expect(page).toContain('Your comment is published.');
    expect(page).toContain('<strong>Alice Z.</strong>');
    expect(page).toContain('[card number removed, ending 1111]');
    expect(page).toContain(`action="/community/${announcementId}/comments/${id}/delete"`);
    const publicPage = await (await t.client().get(`/community/${announcementId}`)).text();
    expect(publicPage).toContain('<strong>Alice Z.</strong>');
    expect(publicPage).not.toContain('/delete"');
    const api = (await (await t.client().api('GET', `/api/v1/community/announcements/${announcementId}`)).json()) as { comments: unknown[] };
    expect(api.comments).toEqual([{ id, author: 'Alice Z.', body: row!.body, hidden: false, createdAt: expect.any(String) }]);
    expect(await auditOf('community.comment_posted')).toEqual([{ actor_type: 'customer', actor_id: alice.accountId, subject_id: alice.subjectId, details: { announcementId, commentId: id } }]);
  });

  it('refuses empty or overlong comments with the form, comments on drafts, and the anonymous', async () => {
    const before = (await t.app.deps.db.selectFrom('announcement_comments').select('id').execute()).length;
    const long = await comment(bob.client, 'x'.repeat(2001));
    expect(long.status).toBe(400);
    const longPage = await long.text();
    expect(longPage).toContain('Write a comment of 1 to 2000 characters.');
    expect(longPage).toContain('aria-invalid="true"');
    expect((await comment(bob.client, '   ')).status).toBe(400);
    expect((await comment(bob.client, 'On a draft', draftId)).status).toBe(404);
    expect((await comment(bob.client, 'Nowhere', '00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await comment(t.client(), 'Anonymous')).status).toBe(401);
    expect((await t.app.deps.db.selectFrom('announcement_comments').select('id').execute()).length).toBe(before);
  });

  it('authors delete their own comments; nobody else can', async () => {
    const id = commentIdOf(await comment(bob.client, 'Thanks for the notice.'));
    expect((await alice.client.postForm(`/community/${announcementId}/comments/${id}/delete`, {})).status).toBe(404);
    expect((await support.postForm(`/community/${announcementId}/comments/${id}/delete`, {})).status).toBe(401);
    expect(await commentRow(id)).toBeDefined();
    const deleted = await bob.client.postForm(`/community/${announcementId}/comments/${id}/delete`, {});
    expect(deleted.status).toBe(303);
    expect(await commentRow(id)).toBeUndefined();
    expect(await (await bob.client.get(`/community/${announcementId}?done=deleted`)).text()).toContain('Your comment was deleted.');
    expect(await auditOf('community.comment_deleted')).toEqual([{ actor_type: 'customer', actor_id: bob.accountId, subject_id: bob.subjectId, details: { announcementId, commentId: id } }]);
  });

  it('limits how many comments one person posts in a row', async () => {
    const carol = await person('Carol', 'Rapid');
    for (let i = 0; i < 5; i += 1) expect((await comment(carol.client, `Comment ${i}`)).status).toBe(303);
    const sixth = await comment(carol.client, 'One too many');
    expect(sixth.status).toBe(429);
    expect(sixth.headers.get('retry-after')).toBe('600');
    expect((await comment(bob.client, 'Others can still comment')).status).toBe(303);
  });

  it('moderators hide and restore comments (audited); the public sees only that it was hidden', async () => {
    const id = commentIdOf(await comment(bob.client, 'Something rude'));
    expect((await billing.postForm(`/console/announcements/${announcementId}/comments/${id}/hide`, {})).status).toBe(403);
    expect((await alice.client.postForm(`/console/announcements/${announcementId}/comments/${id}/hide`, {})).status).toBe(401);
    expect((await support.postForm(`/console/announcements/${announcementId}/comments/${id}/hide`, {})).status).toBe(303);
    expect((await commentRow(id))!.hidden_at).toBeInstanceOf(Date);
    const page = await (await t.client().get(`/community/${announcementId}`)).text();
    expect(page).not.toContain('Something rude');
    expect(page).toContain('This comment was hidden by a moderator.');
    const consolePage = await (await support.get(`/console/announcements/${announcementId}`)).text();
    expect(consolePage).toContain('Something rude');
    expect(consolePage).toContain(`/comments/${id}/restore`);
    expect(await auditOf('community.comment_hidden')).toEqual([{ actor_type: 'staff', actor_id: expect.any(String), subject_id: bob.subjectId, details: { announcementId, commentId: id } }]);
    expect((await support.postForm(`/console/announcements/${announcementId}/comments/${id}/restore`, {})).status).toBe(303);
    expect(await (await t.client().get(`/community/${announcementId}`)).text()).toContain('Something rude');
    expect((await support.postForm(`/console/announcements/${announcementId}/comments/00000000-0000-4000-8000-000000000000/hide`, {})).status).toBe(404);
  });

  it('de-attribution on erasure keeps the text and drops the name: the page shows "Former customer"', async () => {
    const dave = await person('Dave', 'Vanish');
    const id = commentIdOf(await comment(dave.client, 'Dave was here, with a useful tip.'));
    expect(await (await t.client().get(`/community/${announcementId}`)).text()).toContain('<strong>Dave V.</strong>');

    const changed = await inTransaction(t.app.deps.db, systemContext('dpv:LegalCompliance'), (ctx) => deattributeComments(ctx, dave.subjectId));
    expect(changed).toBe(1);
    const row = await commentRow(id);
    expect(row).toMatchObject({ author_subject_id: null, author_account_id: null, body: 'Dave was here, with a useful tip.' });
    expect(row!.deattributed_at).toBeInstanceOf(Date);
    const page = await (await t.client().get(`/community/${announcementId}`)).text();
    expect(page).toContain('Dave was here, with a useful tip.');
    expect(page).not.toContain('Dave V.');
    expect(page).toContain('<strong>Former customer</strong>');
    const api = (await (await t.client().api('GET', `/api/v1/community/announcements/${announcementId}`)).json()) as { comments: { id: string; author: string | null }[] };
    expect(api.comments.find((c) => c.id === id)?.author).toBeNull();
    // The former author can no longer delete it: it is not theirs any more.
    expect((await dave.client.postForm(`/community/${announcementId}/comments/${id}/delete`, {})).status).toBe(404);
    expect(await auditOf('community.comments_deattributed')).toEqual([{ actor_type: 'system', actor_id: null, subject_id: dave.subjectId, details: { comments: 1, announcements: 0 } }]);
    expect(await inTransaction(t.app.deps.db, systemContext('dpv:LegalCompliance'), (ctx) => deattributeComments(ctx, dave.subjectId))).toBe(0);

    // A staff author's announcements lose the link to them too; the provider's text stays public.
    const { author_subject_id: staffSubject } = await t.app.deps.db.selectFrom('announcements').select('author_subject_id').where('id', '=', announcementId).executeTakeFirstOrThrow();
    expect(staffSubject).not.toBeNull();
    expect(await inTransaction(t.app.deps.db, systemContext('dpv:LegalCompliance'), (ctx) => deattributeComments(ctx, staffSubject!))).toBe(0);
    expect(await t.app.deps.db.selectFrom('announcements').select(['author_subject_id', 'title']).where('id', '=', announcementId).executeTakeFirstOrThrow()).toEqual({ author_subject_id: null, title: 'Mail maintenance <Saturday>' });

    // A shredded key alone (erasure before de-attribution) already shows no name.
    const erin = await person('Erin', 'Shred');
    await comment(erin.client, 'Erin comments too.');
    await inTransaction(t.app.deps.db, systemContext('dpv:LegalCompliance'), (ctx) => t.app.deps.keyring.shred(ctx.trx, erin.subjectId));
    const after = await (await t.client().get(`/community/${announcementId}`)).text();
    expect(after).toContain('Erin comments too.');
    expect(after).not.toContain('Erin S.');
  });

  it('a trusted user acting for another account cannot comment in that account\'s name', async () => {
    const pat = await person('Pat', 'Helper');
    await seedTrustedUsersDemo(t.app.deps, alice, pat, ['support']);
    expect((await pat.client.postForm('/account/acting', { accountId: alice.accountId })).status).toBe(303);
    const page = await (await pat.client.get(`/community/${announcementId}`)).text();
    expect(page).toContain('Switch back to your own account to comment under your own name.');
    expect((await comment(pat.client, 'As Alice?')).status).toBe(403);
    expect(await t.app.deps.db.selectFrom('announcement_comments').select('id').where('body', '=', 'As Alice?').execute()).toEqual([]);
  });

  it('the demo hook seeds announcements and customer comments through the use cases, once', async () => {
    const commenters = [await person('Demo', 'One'), await person('Demo', 'Two'), await person('Demo', 'Three')];
    const titles = async () => (await t.app.deps.db.selectFrom('announcements').select(['title', 'published_at']).execute()).filter((a) => a.title !== 'Mail maintenance <Saturday>' && a.title !== 'Still a draft');
    await seedCommunityDemo(t.app.deps, commenters, seededRandom(7));
    const seeded = await titles();
    expect(seeded).toHaveLength(3);
    expect(seeded.filter((a) => a.published_at === null)).toHaveLength(1);
    const comments = await t.app.deps.db.selectFrom('announcement_comments').select('author_account_id').where('author_account_id', 'in', commenters.map((c) => c.accountId)).execute();
    expect(comments.length).toBeGreaterThan(0);
    await seedCommunityDemo(t.app.deps, commenters, seededRandom(7));
    expect(await titles()).toHaveLength(3);
  });
});
