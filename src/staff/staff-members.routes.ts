import { contextOf } from '../http/server-kit.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../errors/app-error.js';
import { t } from '../http/layout.js';
import type { ServerKit } from '../http/server-kit.js';
import { changeStaffMember } from './change-staff-member.js';
import { sendConsolePage } from './console-page.js';
import { createStaffMember } from './create-staff-member.js';
import { listStaffMemberViews } from './list-staff-members.js';
import { displayNameSchema, localiseStaffFieldErrors, staffEmailSchema, submittedText } from './staff-forms.js';
import { staffListPage, type StaffListState } from './staff-members.pages.js';
import { staffRoles } from './staff.tables.js';

export const inviteFields = {
  email: staffEmailSchema,
  displayName: displayNameSchema,
  role: z.enum(staffRoles),
};
export const staffIdParams = z.object({ id: z.uuid() });
const manage = { kind: 'staff', permission: 'staff.manage' } as const;
const doneMessages = { invited: 'staff.done.invited', role: 'staff.done.role', status: 'staff.done.status' } as const;

export function registerStaffMemberRoutes(kit: ServerKit): void {
  const { deps } = kit;

  const sendList = async (request: FastifyRequest, reply: FastifyReply, state: Omit<StaffListState, 'csrf' | 'members'>) => {
    const members = await listStaffMemberViews(deps);
    return sendConsolePage(kit, request, reply, { title: t(request)('staff.list.title'), main: (csrf) => staffListPage(request, { csrf, members, ...state }) });
  };

  /** Known refusals re-render the list with the reason; anything else goes to the error handler. */
  const refuseOnPage = async (request: FastifyRequest, reply: FastifyReply, error: unknown) => {
    if (!(error instanceof AppError) || !['CONFLICT', 'NOT_FOUND'].includes(error.code)) throw error;
    reply.status(error.status);
    return sendList(request, reply, { formError: error.message });
  };

  kit.route({
    method: 'GET', url: '/console/staff', kind: 'page', auth: manage, tags: ['staff', 'pages'],
    summary: 'Staff members with role, status and two-factor; invite form.',
    query: z.object({ done: z.enum(['invited', 'role', 'status']).optional() }),
    responses: { 200: { description: 'HTML page' } },
    handler: async ({ request, reply, query }) => sendList(request, reply, { notice: query.done ? t(request)(doneMessages[query.done]) : undefined }),
  });

  kit.route({
    method: 'POST', url: '/console/staff', kind: 'page', auth: manage, tags: ['staff', 'pages'],
    summary: 'Invites a staff member: they get an emailed link to set their password.',
    body: z.object(inviteFields),
    responses: { 303: { description: 'Invited' }, 400: { description: 'Form with errors' }, 409: { description: 'Email already used by a staff member' } },
    onInvalid: async ({ request, reply, errors, submitted }) =>
      sendList(request, reply, { invite: { email: submittedText(submitted, 'email'), displayName: submittedText(submitted, 'displayName', 100), role: submittedText(submitted, 'role', 40), errors: localiseStaffFieldErrors(t(request), errors) } }),
    handler: async ({ request, reply, body }) => {
      try {
        await createStaffMember(deps, contextOf(request, 'dpv:HumanResourceManagement'), body);
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'EMAIL_TAKEN') throw error;
        reply.status(error.status);
        return sendList(request, reply, { invite: { ...body, errors: [{ field: 'email', message: error.message }] } });
      }
      return reply.redirect('/console/staff?done=invited', 303);
    },
  });

  kit.route({
    method: 'POST', url: '/console/staff/:id/role', kind: 'page', auth: manage, tags: ['staff', 'pages'],
    summary: 'Changes a staff member\'s role; the last active owner cannot be demoted.',
    params: staffIdParams,
    body: z.object({ role: z.enum(staffRoles) }),
    responses: { 303: { description: 'Changed' }, 404: { description: 'No such member' }, 409: { description: 'Last active owner' } },
    handler: async ({ request, reply, params, body }) => {
      try {
        await changeStaffMember(deps, contextOf(request, 'dpv:HumanResourceManagement'), params.id, { role: body.role });
      } catch (error) {
        return refuseOnPage(request, reply, error);
      }
      return reply.redirect('/console/staff?done=role', 303);
    },
  });

  kit.route({
    method: 'POST', url: '/console/staff/:id/status', kind: 'page', auth: manage, tags: ['staff', 'pages'],
    summary: 'Disables or enables a staff member; disabling ends all their sessions.',
    params: staffIdParams,
    body: z.object({ status: z.enum(['active', 'disabled']) }),
    responses: { 303: { description: 'Changed' }, 404: { description: 'No such member' }, 409: { description: 'Last active owner' } },
    handler: async ({ request, reply, params, body }) => {
      try {
        await changeStaffMember(deps, contextOf(request, 'dpv:HumanResourceManagement'), params.id, { status: body.status });
      } catch (error) {
        return refuseOnPage(request, reply, error);
      }
      return reply.redirect('/console/staff?done=status', 303);
    },
  });
}
