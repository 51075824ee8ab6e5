import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors/app-error.js';
import { roleHas, type Permission } from '../staff/permissions.js';

/** Who may read the register and the record of processing: privacy officers and auditors. */
export const registerReaders: readonly Permission[] = ['privacy.manage', 'audit.read'];

/** Route auth names one permission; reading the register needs any one of `registerReaders`. */
export function requireRegisterReader(request: FastifyRequest): void {
  const staff = request.staff;
  if (!staff) throw new AppError('UNAUTHENTICATED');
  if (!registerReaders.some((permission) => roleHas(staff.role, permission))) throw new AppError('FORBIDDEN', 'Reading the register needs privacy.manage or audit.read');
}
