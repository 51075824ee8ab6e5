import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpVerified, uniqueEmail } from '../../test/auth-helpers.js';
import type { HttpClient } from '../../test/http-client.js';
import { findLink, pathOf, readOutbox } from '../../test/outbox-helpers.js';
import { startTestApp, type TestApp } from '../../test/test-app.js';
import { databaseKinds } from '../../test/test-database.js';
import { createLogger } from '../app/logger.js';
import { addDuration } from '../config/duration.js';
import { signFields } from '../consent/signed-token.js';
import { sweepRetention } from '../retention/sweep-retention.js';
import { createTestStaff, signInStaffApi } from '../staff/staff.test-helpers.js';
import type { StaffRole } from '../staff/staff.tables.js';
import { applicationStatusToken } from './application-token.js';
import { applicationsPerAddress, limitApplicationsPerAddress } from './apply-for-job.js';
import { seededRandom } from '../demo/seeded-random.js';
import { demoCv, seedCareersDemo } from './careers.demo.js';

const pdf = demoCv('Grace Hopper');

/**
 * Careers over HTTP on an instance that keeps closed applications for six months: positions, the
 * public form with a sniffed PDF, sealed storage under the applicant's own subject, the signed
 * status link, staff review with audited views, and withdrawal followed by the retention sweep.
 */
describe.each(databaseKinds)('careers (%s)', (kind) => {
  let t: TestApp;
  let staff: Record<StaffRole, HttpClient>;
  let customer: HttpClient;
  let openingId: string;
  let otherOpeningId: string;

  const db = () => t.app.deps.db;
  async function staffClient(role: StaffRole): Promise<HttpClient> {
    const client = t.client();
    await signInStaffApi(client, await createTestStaff(t, role));
    return client;
  }
  const fields = (overrides: Record<string, string> = {}) => ({ name: 'Grace Hopper', email: uniqueEmail('applicant'), phone: '+49 30 1234567', coverLetter: 'I would like to run your mail cluster.', ...overrides });
  const apply = (client: HttpClient, form: Record<string, string>, file: { name: string; type?: string; data: Buffer | string } | null = { name: 'Lebenslauf Grace.pdf', type: 'application/pdf', data: pdf }, id = openingId) =>
    client.postMultipart(`/careers/${id}/apply`, form, file ? { cv: file } : {});
  const applicationOf = async (email: string) => {
    const rows = await db().selectFrom('job_applications').selectAll().execute();
    for (const row of rows) {
      const mail = (await readOutbox(t, row.applicant_subject_id))[0];
      if (mail?.to === email) return { row, mail };
    }
    throw new Error(`no application from ${email}`);
  };
  const countApplications = async () => (await db().selectFrom('job_applications').select('id').execute()).length;

  beforeAll(async () => {
    t = await startTestApp(kind, { CUSTODIAN_RETENTION_APPLICANTS: 'P6M' });
    const roles: StaffRole[] = ['owner', 'privacy_officer', 'support', 'billing', 'auditor'];
    const clients = await Promise.all(roles.map(staffClient));
    staff = Object.fromEntries(roles.map((role, i) => [role, clients[i]!])) as Record<StaffRole, HttpClient>;
    customer = t.client();
    await signUpVerified(t, customer);
  }, 120_000);
  afterAll(async () => t?.close());

  it('staff with careers.manage open positions; the careers page and API list the open ones', async () => {
    for (const title of ['Support engineer', 'Linux administrator']) {
      const created = await staff.owner.postForm('/console/applications/openings', { title, location: 'Berlin', description: `We need a ${title}.` });
      expect(created.status).toBe(303);
    }
    const openings = await db().selectFrom('job_openings').select(['id', 'title']).orderBy('title').execute();
    [otherOpeningId, openingId] = openings.map((o) => o.id) as [string, string];
    const api = (await (await t.client().api('GET', '/api/v1/careers/openings')).json()) as { openings: { id: string; applyUrl: string }[] };
    expect(api.openings.map((o) => o.id).sort()).toEqual([openingId, otherOpeningId].sort());
    const page = await (await t.client().get('/careers')).text();
    expect(page).toContain(`href="/careers/${openingId}/apply"`);
    const invalid = await staff.owner.postForm('/console/applications/openings', { title: '', location: 'x', description: 'y' });
    expect(invalid.status).toBe(400);
    expect(await invalid.text()).toContain('Give a title of 1 to 200 characters.');
  });

  it('the form explains what happens to the data, for how long, and on which basis', async () => {
    const page = await (await t.client().get(`/careers/${openingId}/apply`)).text();
    expect(page).toContain('enctype="multipart/form-data"');
    expect(page).toContain('<label for="field-cv">CV (PDF)</label>');
    expect(page).toContain('<label for="field-coverLetter">Cover letter</label>');
    expect(page).toContain('Art. 6(1)(b) GDPR');
    expect(page).toContain('at most 6 months');
    expect(page).toContain('href="/privacy"');
    expect((await t.client().get(`/careers/${randomUUID()}/apply`)).status).toBe(404);
  });

  it('an application is sealed with the applicant\'s own key under a subject of kind applicant, never an account', async () => {
    const form = fields();
    const sent = await apply(customer, form);
    expect(sent.status).toBe(303);
    expect(sent.headers.get('location')).toBe(`/careers/${openingId}/applied`);
    expect(await (await customer.get(`/careers/${openingId}/applied`)).text()).toContain('We have sent you an email with a private link.');

    const { row, mail } = await applicationOf(form.email);
    expect(row).toMatchObject({ opening_id: openingId, status: 'received', cv_bytes: pdf.length, removal_requested_at: null, retention_starts_at: null, staff_notes_enc: null });
    for (const column of ['name_enc', 'email_enc', 'phone_enc', 'cover_letter_enc', 'cv_filename_enc', 'cv_content_enc'] as const) {
      const stored = row[column]!.toString('latin1');
      for (const plain of ['Grace', 'Hopper', form.email, '1234567', 'mail cluster', 'Lebenslauf', '%PDF']) expect(stored, column).not.toContain(plain);
    }
    const subject = await db().selectFrom('subjects').selectAll().where('id', '=', row.applicant_subject_id).executeTakeFirstOrThrow();
    expect(subject.kind).toBe('applicant');
    expect(await db().selectFrom('accounts').select('id').where('subject_id', '=', row.applicant_subject_id).execute()).toEqual([]);
    expect(await db().selectFrom('subject_keys').select('subject_id').where('subject_id', '=', row.applicant_subject_id).execute()).toHaveLength(1);

    expect(mail).toMatchObject({ template: 'careers.application_received', messageClass: 'service', subject: 'Your application: Support engineer' });
    const status = await t.client().get(pathOf(findLink(mail, `/careers/applications/${applicationStatusToken(t.app.deps.keys.tokens, row.id)}`)));
    expect(status.status).toBe(200);
    const statusPage = await status.text();
    expect(statusPage).toContain('Support engineer');
    expect(statusPage).toContain('<dd>Received</dd>');
    expect(statusPage).not.toContain('Grace');
    // Applied while signed in as a customer, yet nothing in the audit trail links the two.
    const audit = await db().selectFrom('audit_events').select(['subject_id', 'details', 'actor_type', 'actor_id']).where('action', '=', 'careers.application_received').execute();
    expect(audit).toEqual([{ subject_id: row.applicant_subject_id, actor_type: 'anonymous', actor_id: null, details: { applicationId: row.id, openingId, fields: ['name', 'email', 'phone', 'coverLetter', 'cv'] } }]);
  });

  it('refuses a CV that is not a PDF by its content, a card number in the cover letter, and bad fields; stores nothing', async () => {
    const before = await countApplications();
    const exe = Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0xff, 0xfe]);
    expect((await apply(t.client(), fields(), { name: 'cv.pdf', type: 'application/pdf', data: exe })).status).toBe(415);
    expect((await apply(t.client(), fields(), { name: 'cv.pdf', type: 'application/pdf', data: 'Plain text pretending to be a PDF' })).status).toBe(415);
    expect((await apply(t.client(), fields(), { name: 'cv.png', type: 'image/png', data: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]) })).status).toBe(415);

    const card = await apply(t.client(), fields({ coverLetter: 'Charge my card 4111 1111 1111 1111 for the fee.' }));
    expect(card.status).toBe(400);
    const cardPage = await card.text();
    expect(cardPage).toContain('This looks like a payment card number.');
    expect(cardPage).not.toContain('4111 1111 1111 1111');
    expect(cardPage).toContain('Charge my card [card number removed, ending 1111] for the fee.');

    const noCv = await apply(t.client(), fields(), null);
    expect(noCv.status).toBe(400);
    expect(await noCv.text()).toContain('Choose your CV as a PDF file of up to 5 MB.');
    const badEmail = await apply(t.client(), fields({ email: 'not-an-email' }));
    expect(badEmail.status).toBe(400);
    expect(await badEmail.text()).toContain('Enter a valid email address.');
    expect((await apply(t.client(), fields({ phone: 'call me <maybe>' }))).status).toBe(400);
    expect((await apply(t.client(), fields(), undefined, randomUUID())).status).toBe(404);
    expect(await countApplications()).toBe(before);
  });

  it('a forged, altered or foreign-key status link does not work', async () => {
    const row = await db().selectFrom('job_applications').select('id').executeTakeFirstOrThrow();
    const genuine = applicationStatusToken(t.app.deps.keys.tokens, row.id);
    const forged = signFields(Buffer.alloc(32, 1), 'careers.application', [row.id]);
    const altered = `${Buffer.from(randomUUID()).toString('base64url')}.${genuine.split('.')[1]}`;
    for (const token of [forged, altered, 'nonsense', `${genuine}x`]) {
      expect((await t.client().get(`/careers/applications/${token}`)).status, token).toBe(400);
      expect((await t.client().postForm(`/careers/applications/${token}/withdraw`, {})).status, token).toBe(400);
    }
    expect((await t.client().get(`/careers/applications/${applicationStatusToken(t.app.deps.keys.tokens, randomUUID())}`)).status).toBe(404);
    expect(await db().selectFrom('job_applications').select('id').where('removal_requested_at', 'is not', null).execute()).toEqual([]);
  });

  it('only owner and privacy officer see applications; other staff get 403 and customers 401', async () => {
    const row = await db().selectFrom('job_applications').select('id').executeTakeFirstOrThrow();
    const paths = ['/console/applications', `/console/applications/${row.id}`, `/console/applications/${row.id}/cv`, '/console/applications/openings'];
    for (const role of ['support', 'billing', 'auditor'] as const) {
      for (const path of paths) expect((await staff[role].get(path)).status, `${role} ${path}`).toBe(403);
      expect((await staff[role].postForm(`/console/applications/${row.id}/status`, { status: 'rejected' })).status).toBe(403);
      expect((await staff[role].postForm(`/console/applications/${row.id}/notes`, { note: 'x' })).status).toBe(403);
      expect((await staff[role].postForm(`/console/applications/openings/${openingId}/close`, {})).status).toBe(403);
    }
    for (const client of [customer, t.client()]) {
      for (const path of paths) expect((await client.request('GET', path, { headers: { accept: 'application/json' } })).status, path).toBe(401);
      expect((await client.get(`/console/applications/${row.id}`)).headers.get('location')).toMatch(/^\/console\/sign-in/);
      expect((await client.postForm(`/console/applications/${row.id}/status`, { status: 'rejected' })).status).toBe(401);
    }
    expect((await db().selectFrom('job_applications').select('status').where('id', '=', row.id).executeTakeFirstOrThrow()).status).toBe('received');
    expect(await db().selectFrom('audit_events').select('id').where('action', 'in', ['careers.application_viewed', 'careers.cv_downloaded']).execute()).toEqual([]);
  });

  it('reviewers open an application and its CV (each audited), decide, and add notes sealed with the applicant\'s key', async () => {
    const form = fields({ name: 'Ada Review' });
    await apply(t.client(), form);
    const { row } = await applicationOf(form.email);
    const list = await (await staff.owner.get('/console/applications')).text();
    expect(list).toContain(`<a href="/console/applications/${row.id}">Ada Review</a>`);

    const detail = await staff.privacy_officer.get(`/console/applications/${row.id}`);
    expect(detail.status).toBe(200);
    const page = await detail.text();
    for (const shown of ['Ada Review', form.email, '+49 30 1234567', 'I would like to run your mail cluster.', 'Lebenslauf Grace.pdf']) expect(page).toContain(shown);
    const cv = await staff.privacy_officer.get(`/console/applications/${row.id}/cv`);
    expect(cv.status).toBe(200);
    expect(cv.headers.get('content-type')).toBe('application/pdf');
    expect(cv.headers.get('content-disposition')).toContain("filename*=UTF-8''Lebenslauf%20Grace.pdf");
    expect(Buffer.from(await cv.arrayBuffer()).equals(pdf)).toBe(true);
    const audit = await db().selectFrom('audit_events').select(['action', 'actor_type', 'subject_id', 'details']).where('action', 'in', ['careers.application_viewed', 'careers.cv_downloaded']).where('subject_id', '=', row.applicant_subject_id).orderBy('occurred_at').execute();
    expect(audit).toEqual([
      { action: 'careers.application_viewed', actor_type: 'staff', subject_id: row.applicant_subject_id, details: { applicationId: row.id } },
      { action: 'careers.cv_downloaded', actor_type: 'staff', subject_id: row.applicant_subject_id, details: { applicationId: row.id } },
    ]);

    expect((await staff.owner.postForm(`/console/applications/${row.id}/status`, { status: 'reviewing' })).status).toBe(303);
    expect(await db().selectFrom('job_applications').select(['status', 'retention_starts_at']).where('id', '=', row.id).executeTakeFirstOrThrow()).toEqual({ status: 'reviewing', retention_starts_at: null });
    expect((await staff.owner.postForm(`/console/applications/${row.id}/status`, { status: 'withdrawn' })).status).toBe(400);

    const noted = await staff.owner.postForm(`/console/applications/${row.id}/notes`, { note: 'Strong on Postfix, invite to a second talk.' });
    expect(noted.status).toBe(303);
    const sealed = await db().selectFrom('job_applications').select('staff_notes_enc').where('id', '=', row.id).executeTakeFirstOrThrow();
    expect(sealed.staff_notes_enc!.toString('latin1')).not.toContain('Postfix');
    expect(await (await staff.owner.get(`/console/applications/${row.id}?done=noted`)).text()).toContain('Strong on Postfix, invite to a second talk.');
    expect((await staff.owner.postForm(`/console/applications/${row.id}/notes`, { note: '' })).status).toBe(400);

    expect((await staff.owner.postForm(`/console/applications/${row.id}/status`, { status: 'rejected' })).status).toBe(303);
    const rejected = await db().selectFrom('job_applications').select(['status', 'retention_starts_at']).where('id', '=', row.id).executeTakeFirstOrThrow();
    expect(rejected.status).toBe('rejected');
    expect(rejected.retention_starts_at).toBeInstanceOf(Date);
  });

  it('an applicant who withdraws before any decision has the application deleted at once, key shredded', async () => {
    const form = fields({ name: 'Wanda Withdraw' });
    await apply(t.client(), form, undefined, otherOpeningId);
    const { row, mail } = await applicationOf(form.email);
    const statusPath = pathOf(findLink(mail, `/careers/applications/${applicationStatusToken(t.app.deps.keys.tokens, row.id)}`));
    expect(await (await t.client().get(statusPath)).text()).toContain('We stop considering your application and delete it with all your data at once.');
    const withdrawn = await t.client().postForm(`${statusPath}/withdraw`, {});
    expect(withdrawn.status).toBe(303);
    expect(withdrawn.headers.get('location')).toBe('/careers/withdrawn');
    expect(await (await t.client().get('/careers/withdrawn')).text()).toContain('we have deleted it with your CV and contact details');
    expect(await db().selectFrom('job_applications').select('id').where('id', '=', row.id).execute()).toEqual([]);
    expect(await db().selectFrom('subject_keys').select('subject_id').where('subject_id', '=', row.applicant_subject_id).where('wrapped_key', 'is not', null).execute()).toEqual([]);
    expect((await db().selectFrom('subjects').select('erased_at').where('id', '=', row.applicant_subject_id).executeTakeFirstOrThrow()).erased_at).toBeInstanceOf(Date);
    expect((await t.client().get(statusPath)).status).toBe(404);
    expect((await t.client().postForm(`${statusPath}/withdraw`, {})).status).toBe(404);
    const audit = await db().selectFrom('audit_events').select(['subject_id', 'details']).where('action', '=', 'careers.application_withdrawn').execute();
    expect(audit).toEqual([{ subject_id: row.applicant_subject_id, details: { applicationId: row.id, previousStatus: 'received', deleted: true } }]);
  });

  it('after a decision, withdrawing records the removal request and the sweep deletes it once the configured period has passed', async () => {
    const form = fields({ name: 'Rita Rejected' });
    await apply(t.client(), form, undefined, otherOpeningId);
    const { row, mail } = await applicationOf(form.email);
    expect((await staff.owner.postForm(`/console/applications/${row.id}/status`, { status: 'rejected' })).status).toBe(303);
    const statusPath = pathOf(findLink(mail, `/careers/applications/${applicationStatusToken(t.app.deps.keys.tokens, row.id)}`));
    const withdrawn = await t.client().postForm(`${statusPath}/withdraw`, {});
    expect(withdrawn.status).toBe(303);
    expect(withdrawn.headers.get('location')).toBe(`${statusPath}?done=withdrawn`);
    const after = await db().selectFrom('job_applications').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
    expect(after.status).toBe('rejected');
    expect(after.removal_requested_at).toBeInstanceOf(Date);
    expect(after.retention_starts_at!.getTime()).toBeLessThanOrEqual(after.removal_requested_at!.getTime());
    const deadline = addDuration(after.retention_starts_at!, 'P6M');
    const page = await (await t.client().get(`${statusPath}?done=withdrawn`)).text();
    expect(page).toContain('Your application is withdrawn and your removal request is recorded.');
    expect(page).toContain(`We delete it on ${deadline.toISOString().slice(0, 10)} at the latest.`);
    expect(page).not.toContain('Withdraw and ask for removal</button>');
    expect((await t.client().postForm(`${statusPath}/withdraw`, {})).status).toBe(303);
    expect(await db().selectFrom('audit_events').select('details').where('action', '=', 'careers.application_withdrawn').where('subject_id', '=', row.applicant_subject_id).execute())
      .toEqual([{ details: { applicationId: row.id, previousStatus: 'rejected', deleted: false } }]);

    // Closing a position starts the period for its applications that had no decision yet.
    const undecided = fields({ name: 'Una Decided' });
    await apply(t.client(), undecided, undefined, otherOpeningId);
    expect((await staff.owner.postForm(`/console/applications/openings/${otherOpeningId}/close`, {})).status).toBe(303);
    const una = await applicationOf(undecided.email);
    expect(una.row.retention_starts_at).toBeInstanceOf(Date);
    // The position's closing was the decision: withdrawing now keeps the period instead of deleting.
    const unaPath = pathOf(findLink(una.mail, `/careers/applications/${applicationStatusToken(t.app.deps.keys.tokens, una.row.id)}`));
    expect((await t.client().postForm(`${unaPath}/withdraw`, {})).headers.get('location')).toBe(`${unaPath}?done=withdrawn`);
    expect(await db().selectFrom('job_applications').select(['status', 'retention_starts_at']).where('id', '=', una.row.id).executeTakeFirstOrThrow()).toEqual({ status: 'withdrawn', retention_starts_at: una.row.retention_starts_at });
    expect((await t.client().get(`/careers/${otherOpeningId}/apply`)).status).toBe(404);

    const sweep = (now: Date) => sweepRetention({ db: db(), config: t.config, logger: createLogger('silent'), now: () => now });
    const underReview = (await db().selectFrom('job_applications').select('id').where('retention_starts_at', 'is', null).execute()).map((r) => r.id);
    expect(underReview.length).toBeGreaterThan(0);
    expect((await sweep(new Date(deadline.getTime() - 3600_000)))['job_applications']).toBe(0);
    expect(await db().selectFrom('job_applications').select('id').where('id', '=', row.id).execute()).toHaveLength(1);

    const counts = await sweep(new Date(deadline.getTime() + 3600_000));
    expect(counts['job_applications']).toBeGreaterThanOrEqual(1);
    expect(await db().selectFrom('job_applications').select('id').where('id', '=', row.id).execute()).toEqual([]);
    expect((await t.client().get(statusPath)).status).toBe(404);
    expect(await db().selectFrom('job_applications').select('id').where('id', '=', una.row.id).execute()).toEqual([]);
    const left = (await db().selectFrom('job_applications').select('id').where('retention_starts_at', 'is', null).execute()).map((r) => r.id);
    expect(left.sort()).toEqual(underReview.sort());
  });

  it('the confirmation email never echoes what the sender typed, and one address gets at most five a day whatever the network', async () => {
    const target = uniqueEmail('victim');
    expect((await apply(t.client(), fields({ name: 'You WON! Claim at https://phish.example/now', email: target }))).status).toBe(303);
    const { mail } = await applicationOf(target);
    expect(mail.text.startsWith('Hello,\n\n')).toBe(true);
    expect(`${mail.subject} ${mail.text}`).not.toMatch(/WON|phish/);
    // Four more to this address from elsewhere (the per-address bucket has no IP in its key).
    for (let i = 0; i < applicationsPerAddress.limit - 1; i++) await limitApplicationsPerAddress(t.app.deps, target);
    const before = await countApplications();
    const refused = await apply(t.client(), fields({ email: target.toUpperCase() }));
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await countApplications()).toBe(before);
    expect((await apply(t.client(), fields())).status).toBe(303);
  });

  it('the demo hook seeds positions and applicants in every status through the use cases, once', async () => {
    const before = await countApplications();
    await seedCareersDemo(t.app.deps, seededRandom(3));
    const statuses = (await db().selectFrom('job_applications').select('status').execute()).map((r) => r.status);
    expect(statuses.length - before).toBe(6);
    expect(new Set(statuses)).toEqual(new Set(['received', 'reviewing', 'rejected', 'offered', 'withdrawn']));
    const kinds = await db().selectFrom('job_applications as a').innerJoin('subjects as s', 's.id', 'a.applicant_subject_id').select('s.kind').distinct().execute();
    expect(kinds).toEqual([{ kind: 'applicant' }]);
    await seedCareersDemo(t.app.deps, seededRandom(3));
    expect(await countApplications()).toBe(before + 6);
  });
});
