/**
 * Identifiers a customer should think twice about before putting them in a ticket's subject line
 * or a file name: those appear in email notifications and staff lists, where the ticket body does
 * not. Card numbers are not here: they are masked on arrival, not merely warned about.
 * Detection errs on the side of a warning the customer can dismiss.
 */
export const sensitiveKinds = ['iban', 'password', 'national_id', 'passport', 'social_security', 'date_of_birth'] as const;
export type SensitiveKind = (typeof sensitiveKinds)[number];

/** ISO 13616: two letters, two check digits, up to 30 alphanumerics; may be written in groups of four. */
const ibanCandidate = /\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]){11,30}\b/gi;

/** The remainder of the IBAN's number modulo 97 is 1 (ISO 7064 MOD 97-10). */
export function ibanValid(raw: string): boolean {
  const iban = raw.replace(/ /g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const value = char >= 'A' ? String(char.charCodeAt(0) - 55) : char;
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

function containsIban(text: string): boolean {
  for (const match of text.matchAll(ibanCandidate)) {
    // A run may swallow a following word ("DE89 3704 ... 00 Invoice"); try shorter prefixes too.
    const compact = match[0].replace(/ /g, '');
    for (let length = compact.length; length >= 15; length -= 1) if (ibanValid(compact.slice(0, length))) return true;
  }
  return false;
}

const date = String.raw`(?:\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2}|\d{1,2}\.?\s+[A-Za-zäéû]{3,9}\.?\s+\d{4})`;

/** Patterns other than the IBAN, each tied to its kind; keywords in English and German. */
const patterns: ReadonlyArray<{ kind: SensitiveKind; pattern: RegExp }> = [
  // Only a keyword followed by ":" or "=" ("password: hunter2"): "password reset" is no secret.
  { kind: 'password', pattern: /\b(?:password|passwort|passwd|pwd|pw|kennwort|passphrase|passcode|pin)\s*[:=]\s*\S{3,}/i },
  { kind: 'passport', pattern: /\b(?:passport|reisepass)\s*(?:no\.?|number|nr\.?|nummer|#)?\s*[:#]?\s*[A-Z0-9]*\d[A-Z0-9]{4,11}\b/i },
  { kind: 'national_id', pattern: /\b(?:national\s*id|id\s*card|identity\s*card|id\s*(?:no\.?|number|nr\.?)|personalausweis(?:nummer)?|ausweis(?:nummer|\s*nr\.?)?|personal\s*number|tax\s*id|steuer-?id|steueridentifikationsnummer|dni)\s*[:#]?\s*[A-Z0-9]*\d[A-Z0-9]{4,11}\b/i },
  // US social security number (never 000, 666 or 9xx in the first group) …
  { kind: 'social_security', pattern: /\b(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}\b/ },
  // … UK National Insurance number …
  { kind: 'social_security', pattern: /\b(?![DFIQUV])[A-CEGHJ-PR-TW-Z](?![DFIQUVO])[A-CEGHJ-NPR-TW-Z]\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b/ },
  // … German Rentenversicherungsnummer (area, birth date, initial, serial, check digit) …
  { kind: 'social_security', pattern: /\b\d{2}\s?[0-3]\d[01]\d\d{2}\s?[A-Z]\s?\d{2}\s?\d\b/ },
  // … and any number introduced as one.
  { kind: 'social_security', pattern: /\b(?:ssn|social\s*security(?:\s*(?:no\.?|number))?|sozialversicherungs(?:nummer)?|rentenversicherungs(?:nummer)?|national\s*insurance(?:\s*(?:no\.?|number))?|nino)\s*[:#]?\s*[A-Z0-9][A-Z0-9 -]{5,16}\d/i },
  { kind: 'date_of_birth', pattern: new RegExp(String.raw`\b(?:born(?:\s+on)?|birth\s*(?:date|day)|date\s+of\s+birth|d\.?o\.?b\.?|geboren(?:\s+am)?|geb\.|geburtsdatum|geburtstag)\s*[:=]?\s*${date}`, 'i') },
];

/** File names separate words with _ . and -; read them as spaces so keywords are found. */
export function readableFilename(filename: string): string {
  const withoutExtension = filename.replace(/\.[A-Za-z0-9]{1,5}$/, '');
  return withoutExtension.replace(/[_+]+/g, ' ').replace(/(?<=[A-Za-z])[.-](?=[A-Za-z])/g, ' ');
}

/** The kinds of sensitive identifiers found in a text, each once, in a stable order. */
export function findSensitiveIdentifiers(text: string): SensitiveKind[] {
  const found = new Set<SensitiveKind>();
  if (containsIban(text)) found.add('iban');
  for (const { kind, pattern } of patterns) if (pattern.test(text)) found.add(kind);
  return sensitiveKinds.filter((kind) => found.has(kind));
}

/** What to warn about, per form field. */
export interface SensitiveWarning {
  readonly field: 'subject' | 'attachment';
  readonly kinds: readonly SensitiveKind[];
}

export function sensitiveWarnings(input: { subject?: string | undefined; filename?: string | undefined }): SensitiveWarning[] {
  const warnings: SensitiveWarning[] = [];
  const inSubject = input.subject ? findSensitiveIdentifiers(input.subject) : [];
  if (inSubject.length > 0) warnings.push({ field: 'subject', kinds: inSubject });
  const inFilename = input.filename ? findSensitiveIdentifiers(readableFilename(input.filename)) : [];
  if (inFilename.length > 0) warnings.push({ field: 'attachment', kinds: inFilename });
  return warnings;
}
