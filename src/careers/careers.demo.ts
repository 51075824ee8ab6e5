import { systemContext, type ContextWithoutTransaction } from '../context/request-context.js';
import { countryPools, exampleDomains } from '../demo/demo-names.js';
import type { AppDeps } from '../http/app-deps.js';
import { UploadedFile } from '../uploads/uploads.js';
import { withdrawApplication } from './applicant-status.js';
import { applicationStatusToken } from './application-token.js';
import { applyForJob } from './apply-for-job.js';
import { listOpenings } from './careers.store.js';
import { createOpening, setOpeningStatusTo } from './manage-openings.js';
import { changeApplicationStatus, type StaffStatus } from './review-applications.js';

const openings = [
  { title: 'Support engineer (web hosting)', location: 'Berlin or remote (EU)', description: 'You help our customers with DNS, mail and PHP questions by ticket and phone.\n\nYou know Linux and enjoy explaining things clearly.' },
  { title: 'Linux system administrator', location: 'Frankfurt', description: 'You run our shared hosting and VPS platforms: patching, monitoring, capacity planning and on-call in rotation.' },
  { title: 'Working student, customer care', location: 'Remote (Germany)', description: 'Up to 20 hours a week answering customer questions and improving our help pages.' },
] as const;

const letters = [
  'I have worked in first-level hosting support for three years and would like to grow into second level.',
  'I run a small Ceph cluster at my current job and would love to work on a larger platform.',
  'I study computer science and have answered questions in an open-source forum for years.',
] as const;

/** The outcome each demo applicant ends up with, so every status shows up in the console. */
// The withdrawal is of an application to the position closed below: one withdrawn before any decision is deleted at once.
const outcomes: ReadonlyArray<StaffStatus | 'withdrawn' | null> = [null, 'reviewing', 'rejected', 'offered', null, 'withdrawn'];

const demoContext = (): ContextWithoutTransaction => ({ ...systemContext('dpv:HumanResourceManagement'), requestId: 'demo-seed' });

/**
 * Positions (one closed after the applications came in) and a handful of applicants, each through
 * the same use cases as the careers form, the console and the status link. Deterministic for a
 * given `random`; skipped when the demo positions already exist.
 */
export async function seedCareersDemo(deps: AppDeps, random: () => number): Promise<void> {
  if ((await listOpenings(deps.db, { openOnly: false })).some((o) => o.title === openings[0].title)) return;
  const ids: string[] = [];
  const withdrawals: string[] = [];
  for (const opening of openings) ids.push(await createOpening(deps, demoContext(), opening));
  for (const [i, outcome] of outcomes.entries()) {
    const pool = countryPools[Math.floor(random() * countryPools.length)]!;
    const first = pool.firstNames[Math.floor(random() * pool.firstNames.length)]!;
    const last = pool.lastNames[Math.floor(random() * pool.lastNames.length)]!;
    const name = `${first} ${last}`;
    const local = `${first}.${last}`.normalize('NFD').replace(/[^A-Za-z.]/g, '').toLowerCase();
    const { applicationId } = await applyForJob(deps, { ...demoContext(), actor: { type: 'anonymous', id: null } }, ids[i % 2]!, {
      name,
      email: `${local}.${i}@${exampleDomains[i % exampleDomains.length]}`,
      phone: random() < 0.5 ? `${pool.phonePrefix} ${100000 + Math.floor(random() * 899999)}` : null,
      coverLetter: letters[i % letters.length]!,
      cv: new UploadedFile(`CV ${name}.pdf`, 'application/pdf', demoCv(name)),
      locale: pool.locale,
    });
    if (outcome === 'withdrawn') withdrawals.push(applicationId);
    else if (outcome) await changeApplicationStatus(deps, demoContext(), applicationId, outcome);
  }
  await setOpeningStatusTo(deps, demoContext(), ids[1]!, 'closed');
  for (const applicationId of withdrawals) await withdrawApplication(deps, demoContext(), applicationStatusToken(deps.keys.tokens, applicationId));
}

/** A one-page PDF naming the demo person, with a correct cross-reference table. */
export function demoCv(name: string): Buffer {
  const text = `Curriculum vitae: ${name}`.replace(/[^\x20-\x7e\xa0-\xff]/g, '?').replace(/([\\()])/g, '\\$1');
  const stream = `BT /F1 18 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}
