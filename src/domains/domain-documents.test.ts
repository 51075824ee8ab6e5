import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpVerified, type SignedUpAccount } from '../../test/auth-helpers.js';
import type { HttpClient } from '../../test/http-client.js';
import { startTestApp, type TestApp } from '../../test/test-app.js';
import { databaseKinds } from '../../test/test-database.js';
import { dataMap } from '../datamap/datamap.registry.js';
import { planRetention } from '../retention/retention-plan.js';
import { sweepRetention } from '../retention/sweep-retention.js';
import { createTestStaff, signInStaffApi } from '../staff/staff.test-helpers.js';
import type { StaffRole } from '../staff/staff.tables.js';
import { auditFor, day, domainRow, payAndFulfil, registerViaApi, runJobsLater, samplePdf } from './domains.test-helpers.js';

type Customer = SignedUpAccount & { client: HttpClient };

/**
 * Identity documents for TLDs whose registry requires them: sealed uploads, type sniffing, who
 * among staff may open them (every view audited), approval releasing the paid order, and the
 * retention sweep deleting decided documents after the configured period.
 */
describe.each(databaseKinds)('domains: identity documents (%s)', (kind) => {
  let t: TestApp;
  let ada: Customer;
  const staff = new Map<StaffRole, HttpClient>();

  beforeAll(async () => {
    t = await startTestApp(kind);
    const client = t.client();
    ada = { ...(await signUpVerified(t, client, { firstName: 'Ada', lastName: 'Lovelace' })), client };
    for (const role of ['owner', 'privacy_officer', 'support', 'billing', 'auditor'] as const) {
      const member = await createTestStaff(t, role);
      const staffClient = t.client();
      await signInStaffApi(staffClient, member);
      staff.set(role, staffClient);
    }
  }, 120_000);
  afterAll(async () => t?.close());

  const upload = (client: HttpClient, domainId: string, file: { name: string; type?: string; data: Buffer | string }, documentType = 'passport') =>
    client.postMultipart(`/account/domains/${domainId}/documents`, { documentType }, { document: file });

  async function documentsOf(domainId: string) {
    return t.app.deps.db.selectFrom('domain_documents').selectAll().where('domain_id', '=', domainId).orderBy('uploaded_at').execute();
  }

  it('waits for an approved document before registering an ID-required TLD, even when paid', async () => {
    const { domainId, invoiceId } = await registerViaApi(ada.client, 'ada-lovelace.es');
    const page = await (await ada.client.get(`/account/domains/${domainId}`)).text();
    expect(page).toContain('Identity document needed');
    expect(page).toContain('The .es registry requires the registrant to prove their identity');
    expect(page).toContain('We delete it 30 days after our decision.');
    expect(page).toContain('enctype="multipart/form-data"');

    await payAndFulfil(t, ada.client, invoiceId);
    expect((await domainRow(t, domainId)).status).toBe('pending_documents');
    await runJobsLater(t, 10 * 60_000);
    expect((await domainRow(t, domainId)).status).toBe('pending_documents');
    expect(await t.app.deps.db.selectFrom('domain_orders').select('status').where('domain_id', '=', domainId).executeTakeFirstOrThrow()).toEqual({ status: 'paid' });

    // The upload is sealed: neither the file's bytes nor its name are readable in the database.
    const pdf = samplePdf();
    const uploaded = await upload(ada.client, domainId, { name: 'ada-passport.pdf', type: 'application/pdf', data: pdf });
    expect(uploaded.status, await uploaded.clone().text()).toBe(303);
    expect(uploaded.headers.get('location')).toBe(`/account/domains/${domainId}?done=document`);
    const [stored] = await documentsOf(domainId);
    expect(stored).toMatchObject({ status: 'pending', subject_id: ada.subjectId, decided_at: null });
    for (const sealed of [stored!.content_enc, stored!.filename_enc, stored!.document_type_enc]) {
      expect(sealed.includes(pdf)).toBe(false);
      expect(sealed.toString('latin1')).not.toMatch(/%PDF|Passport of Ada|ada-passport|passport/);
    }
    expect(stored!.content_enc.includes(Buffer.from(pdf.toString('base64')))).toBe(false);
    const [audit] = await auditFor(t, 'domains.document_uploaded', domainId);
    expect(audit).toMatchObject({ actor_type: 'customer', actor_id: ada.accountId, subject_id: ada.subjectId });
    const after = await (await ada.client.get(`/account/domains/${domainId}?done=document`)).text();
    expect(after).toContain('Document pending review');
    expect(after).not.toContain('enctype="multipart/form-data"');
    expect((await upload(ada.client, domainId, { name: 'again.pdf', type: 'application/pdf', data: pdf })).status).toBe(409);

    // Staff with the permission approve it; the paid order goes to the registry.
    const owner = staff.get('owner')!;
    const decided = await owner.postForm(`/console/domains/${domainId}/documents/${stored!.id}/decision`, { decision: 'approve', reason: '' });
    expect(decided.status, await decided.clone().text()).toBe(303);
    expect(await domainRow(t, domainId)).toMatchObject({ status: 'registering' });
    expect((await domainRow(t, domainId)).identity_verified_at).not.toBeNull();
    await t.runJobs();
    await runJobsLater(t, 5 * 60_000);
    expect((await domainRow(t, domainId)).status).toBe('active');
    expect((await auditFor(t, 'domains.document_decided', domainId))[0]).toMatchObject({ actor_type: 'staff', details: { decision: 'approve', orderReleased: true } });
    expect((await owner.postForm(`/console/domains/${domainId}/documents/${stored!.id}/decision`, { decision: 'reject', reason: 'late' })).status).toBe(409);
  });

  it('refuses files that are not PDF, PNG or JPEG by their content, too-large files, and TLDs without the need', async () => {
    const { domainId } = await registerViaApi(ada.client, 'ada-sniffed.ru');
    const disguised = await upload(ada.client, domainId, { name: 'passport.pdf', type: 'application/pdf', data: 'just some text pretending to be a PDF' });
    expect(disguised.status).toBe(415);
    const script = await upload(ada.client, domainId, { name: 'passport.pdf', type: 'application/pdf', data: Buffer.from('<script>alert(1)</script>') });
    expect(script.status).toBe(415);
    const huge = await upload(ada.client, domainId, { name: 'passport.pdf', type: 'application/pdf', data: Buffer.concat([samplePdf(), Buffer.alloc(5 * 1024 * 1024)]) });
    expect(huge.status).toBe(413);
    const noFile = await ada.client.postMultipart(`/account/domains/${domainId}/documents`, { documentType: 'passport' });
    expect(noFile.status).toBe(400);
    expect(await noFile.text()).toContain('Choose a PDF, PNG or JPEG file.');
    expect(await documentsOf(domainId)).toEqual([]);

    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('rest of a png')]);
    const viaApi = await ada.client.postMultipart(`/api/v1/domains/${domainId}/documents`, { documentType: 'national_id' }, { document: { name: 'id.png', type: 'image/png', data: png } }, 'application/json');
    expect(viaApi.status, await viaApi.clone().text()).toBe(201);

    const { domainId: plain } = await registerViaApi(ada.client, 'ada-plain.com');
    expect((await upload(ada.client, plain, { name: 'p.pdf', type: 'application/pdf', data: samplePdf() })).status).toBe(409);
  });

  it('lets only staff with domains.documents.review open documents, auditing every view; rejection needs a reason', async () => {
    const { domainId } = await registerViaApi(ada.client, 'ada-matrix.cn');
    const pdf = samplePdf('National ID of Ada');
    expect((await upload(ada.client, domainId, { name: 'ada-id.pdf', type: 'application/pdf', data: pdf }, 'national_id')).status).toBe(303);
    const [document] = await documentsOf(domainId);
    const path = `/console/domains/${domainId}/documents/${document!.id}`;

    for (const role of ['owner', 'privacy_officer'] as const) {
      const client = staff.get(role)!;
      const detail = await client.get(`/console/domains/${domainId}`);
      expect(detail.status, role).toBe(200);
      expect(await detail.text()).toContain(`href="${path}"`);
      const opened = await client.request('GET', path);
      expect(opened.status, role).toBe(200);
      expect(opened.headers.get('content-type')).toBe('application/pdf');
      expect(opened.headers.get('content-disposition')).toContain('attachment; filename="ada-id.pdf"');
      expect(Buffer.from(await opened.arrayBuffer()).equals(pdf)).toBe(true);
    }
    for (const role of ['support', 'billing', 'auditor'] as const) {
      const client = staff.get(role)!;
      expect((await client.get(`/console/domains/${domainId}`)).status, role).toBe(403);
      expect((await client.request('GET', path)).status, role).toBe(403);
      expect((await client.postForm(`${path}/decision`, { decision: 'approve', reason: '' })).status, role).toBe(403);
    }
    expect((await ada.client.request('GET', path)).status).toBe(401);
    const views = await auditFor(t, 'domains.document_viewed', domainId);
    expect(views).toHaveLength(2);
    expect(views.every((v) => v.actor_type === 'staff' && (v.details as Record<string, unknown>).documentId === document!.id)).toBe(true);

    const privacy = staff.get('privacy_officer')!;
    const noReason = await privacy.postForm(`${path}/decision`, { decision: 'reject', reason: ' ' });
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain('Give the customer a reason for the rejection.');
    expect((await privacy.postForm(`${path}/decision`, { decision: 'reject', reason: 'The photo page is cut off.' })).status).toBe(303);
    const page = await (await ada.client.get(`/account/domains/${domainId}`)).text();
    expect(page).toContain('Document rejected');
    expect(page).toContain('Reason: The photo page is cut off.');
    expect(page).toContain('enctype="multipart/form-data"');
    expect((await documentsOf(domainId))[0]!.reason_enc!.toString('latin1')).not.toContain('cut off');

    const list = await privacy.get('/console/domains?status=pending_payment');
    expect(list.status).toBe(200);
    expect(await list.text()).toContain('ada-matrix.cn');
  });

  it('deletes decided documents once the configured period after the decision has passed; pending ones stay', async () => {
    const { domainId } = await registerViaApi(ada.client, 'ada-retained.es');
    expect((await upload(ada.client, domainId, { name: 'a.pdf', type: 'application/pdf', data: samplePdf() })).status).toBe(303);
    const [first] = await documentsOf(domainId);
    expect((await staff.get('owner')!.postForm(`/console/domains/${domainId}/documents/${first!.id}/decision`, { decision: 'reject', reason: 'Expired passport.' })).status).toBe(303);
    expect((await upload(ada.client, domainId, { name: 'b.pdf', type: 'application/pdf', data: samplePdf('second') })).status).toBe(303);
    const decidedAt = (await documentsOf(domainId))[0]!.decided_at!;

    const step = planRetention(dataMap, t.config.retention, new Date()).steps.find((s) => s.table === 'domain_documents');
    expect(step).toMatchObject({ column: 'decided_at', period: t.config.retention.idDocuments });

    // The sweep applies the data map's declaration of this table (the others would end the staff sessions used here).
    const deps = { db: t.app.deps.db, config: t.config, logger: t.app.deps.logger };
    const declarations = dataMap.filter((d) => d.table === 'domain_documents');
    await sweepRetention({ ...deps, now: () => new Date(decidedAt.getTime() + 29 * day) }, declarations);
    expect(await documentsOf(domainId)).toHaveLength(2);
    const counts = await sweepRetention({ ...deps, now: () => new Date(decidedAt.getTime() + 31 * day) }, declarations);
    expect(counts.domain_documents).toBeGreaterThanOrEqual(1);
    const left = await documentsOf(domainId);
    expect(left.map((d) => d.status)).toEqual(['pending']);
    expect(left.some((d) => d.id === first!.id)).toBe(false);
    expect((await staff.get('owner')!.request('GET', `/console/domains/${domainId}/documents/${first!.id}`)).status).toBe(404);
  });
});
