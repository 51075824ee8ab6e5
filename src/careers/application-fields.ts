import type { SubjectCipher } from '../crypto/keyring.js';
import type { ApplicationRow } from './careers.store.js';

/** Where each sealed application value lives; also the AAD binding the ciphertext to its column. */
export const applicationFields = {
  name: 'job_applications.name_enc',
  email: 'job_applications.email_enc',
  phone: 'job_applications.phone_enc',
  coverLetter: 'job_applications.cover_letter_enc',
  cvFilename: 'job_applications.cv_filename_enc',
  cvContent: 'job_applications.cv_content_enc',
  staffNotes: 'job_applications.staff_notes_enc',
} as const;

export interface StaffNote {
  readonly at: string;
  readonly text: string;
}

/** The CV is binary; the cipher seals text, so the bytes travel as base64 inside the envelope. */
export function sealCv(cipher: SubjectCipher, data: Buffer): Buffer {
  return cipher.encrypt(data.toString('base64'), applicationFields.cvContent);
}

export function openCv(cipher: SubjectCipher, sealed: Buffer): Buffer {
  return Buffer.from(cipher.decrypt(sealed, applicationFields.cvContent), 'base64');
}

export function openNotes(cipher: SubjectCipher, row: Pick<ApplicationRow, 'staff_notes_enc'>): StaffNote[] {
  return row.staff_notes_enc ? (JSON.parse(cipher.decrypt(row.staff_notes_enc, applicationFields.staffNotes)) as StaffNote[]) : [];
}

export function sealNotes(cipher: SubjectCipher, notes: readonly StaffNote[]): Buffer {
  return cipher.encrypt(JSON.stringify(notes), applicationFields.staffNotes);
}
