import type { Permission } from '../staff/permissions.js';

/** Who may read the register and the record of processing: privacy officers and auditors. */
export const registerReaders: readonly Permission[] = ['privacy.manage', 'audit.read'];
