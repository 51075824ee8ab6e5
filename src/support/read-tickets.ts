import { AppError } from '../errors/app-error.js';
import type { AppDeps } from '../http/app-deps.js';
import { findAttachmentOfTicket, findTicketOfAccount, listDepartments, ticketsOfAccount, type DepartmentRow } from './support.store.js';
import type { TicketOwner } from './ticket-model.js';
import { CipherCache, loadThread, openAttachment, summarise, type DownloadedAttachment, type TicketSummary, type TicketThread } from './ticket-views.js';

type Deps = Pick<AppDeps, 'db' | 'keyring'>;
const listLimit = 200;

/** The departments a customer can address a new ticket to. */
export async function departmentsForCustomers(deps: Deps): Promise<DepartmentRow[]> {
  return listDepartments(deps.db, { activeOnly: true });
}

/** The account's tickets, most recently active first. */
export async function listOwnTickets(deps: Deps, owner: TicketOwner): Promise<TicketSummary[]> {
  const ciphers = new CipherCache(deps.db, deps.keyring);
  const rows = await ticketsOfAccount(deps.db, owner.accountId, listLimit);
  return Promise.all(rows.map((row) => summarise(ciphers, row)));
}

/** One of the account's tickets with its conversation; internal staff notes are never included. */
export async function readOwnTicket(deps: Deps, owner: TicketOwner, reference: string): Promise<TicketThread> {
  const row = await findTicketOfAccount(deps.db, owner.accountId, reference);
  if (!row) throw new AppError('NOT_FOUND', 'No such ticket');
  return loadThread(deps.db, deps.keyring, row, { includeInternal: false });
}

/** A file of one of the account's tickets; files of internal notes do not exist for the customer. */
export async function downloadOwnAttachment(deps: Deps, owner: TicketOwner, reference: string, attachmentId: string): Promise<DownloadedAttachment> {
  const ticket = await findTicketOfAccount(deps.db, owner.accountId, reference);
  const attachment = ticket ? await findAttachmentOfTicket(deps.db, ticket.id, attachmentId) : undefined;
  if (!attachment || attachment.internal) throw new AppError('NOT_FOUND', 'No such file');
  return openAttachment(deps.db, deps.keyring, attachment);
}
