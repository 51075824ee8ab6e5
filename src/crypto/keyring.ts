import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database.types.js';
import { deriveKey, keyedHash, newDataKey, open, seal } from './envelope.js';
import { destroySubjectKey, findWrappedKey, insertSubjectKey } from './subject-keys.store.js';

/** Encrypts and decrypts one subject's values; the AAD ties each value to where it is stored. */
export interface SubjectCipher {
  encrypt(plaintext: string, field: string): Buffer;
  decrypt(sealed: Buffer, field: string): string;
}

export class SubjectKeyShreddedError extends Error {
  constructor(subjectId: string) {
    super(`The data key of subject ${subjectId} has been destroyed`);
  }
}

/**
 * Envelope encryption: a random data key per subject, stored wrapped by a key derived from the
 * master key. Lookups by email use a keyed hash (blind index) so the address itself stays sealed.
 */
export class Keyring {
  readonly #wrapKey: Buffer;
  readonly #blindIndexKey: Buffer;

  constructor(masterKey: Buffer) {
    if (masterKey.length !== 32) throw new Error('The master key must be 32 bytes');
    this.#wrapKey = deriveKey(masterKey, 'wrap');
    this.#blindIndexKey = deriveKey(masterKey, 'blind-index');
  }

  async createSubjectKey(trx: Transaction<Database>, subjectId: string): Promise<SubjectCipher> {
    const { wrappedKey, cipher } = this.newSubjectKey(subjectId);
    await insertSubjectKey(trx, subjectId, wrappedKey);
    return cipher;
  }

  /** A new data key, wrapped for the caller to store: bulk loaders insert many subject_keys rows in one statement. */
  newSubjectKey(subjectId: string): { wrappedKey: Buffer; cipher: SubjectCipher } {
    const dataKey = newDataKey();
    return { wrappedKey: seal(this.#wrapKey, dataKey, `subject-key:${subjectId}`), cipher: cipherFor(dataKey, subjectId) };
  }

  async forSubject(trx: Transaction<Database> | Kysely<Database>, subjectId: string): Promise<SubjectCipher> {
    const row = await findWrappedKey(trx as Transaction<Database>, subjectId);
    if (!row?.wrapped_key) throw new SubjectKeyShreddedError(subjectId);
    return cipherFor(open(this.#wrapKey, row.wrapped_key, `subject-key:${subjectId}`), subjectId);
  }

  async shred(trx: Transaction<Database>, subjectId: string): Promise<void> {
    await destroySubjectKey(trx, subjectId);
  }

  emailLookup(email: string): Buffer {
    return keyedHash(this.#blindIndexKey, normaliseEmail(email));
  }
}

export function normaliseEmail(email: string): string {
  return email.trim().normalize('NFC').toLowerCase();
}

function cipherFor(dataKey: Buffer, subjectId: string): SubjectCipher {
  return {
    encrypt: (plaintext, field) => seal(dataKey, Buffer.from(plaintext, 'utf8'), `${field}:${subjectId}`),
    decrypt: (sealed, field) => open(dataKey, sealed, `${field}:${subjectId}`).toString('utf8'),
  };
}
