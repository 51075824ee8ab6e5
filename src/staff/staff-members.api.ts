import { contextOf } from '../http/server-kit.js';
import { z } from 'zod';
import { AppError } from '../errors/app-error.js';
import type { ServerKit } from '../http/server-kit.js';
import { changeStaffMember } from './change-staff-member.js';
import { createStaffMember } from './create-staff-member.js';
import { listStaffMemberViews, staffMemberView } from './list-staff-members.js';
import { rolePermissions } from './permissions.js';
import { newPasswordSchema } from './staff-forms.js';
import { inviteFields, staffIdParams } from './staff-members.routes.js';
import { staffRoles } from './staff.tables.js';

const memberSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  role: z.enum(staffRoles),
  status: z.enum(['active', 'disabled']),
  twoFactorEnabled: z.boolean(),
  setupPending: z.boolean(),
  lastSignInAt: z.string().nullable(),
  createdAt: z.string(),
});
const manage = { kind: 'staff', permission: 'staff.manage' } as const;

export function registerStaffMemberApi(kit: ServerKit): void {
  const { deps } = kit;

  kit.route({
    method: 'GET', url: '/api/v1/staff/members', kind: 'api', auth: manage, tags: ['staff'],
    summary: 'Lists staff members.',
    responses: { 200: { description: 'Staff members', schema: z.object({ members: z.array(memberSchema) }) } },
    handler: async () => ({ members: await listStaffMemberViews(deps) }),
  });

  kit.route({
    method: 'POST', url: '/api/v1/staff/members', kind: 'api', auth: manage, tags: ['staff'],
    summary: 'Creates a staff member. Without a password they are emailed a setup link (valid 72 hours).',
    body: z.object({ ...inviteFields, password: newPasswordSchema.optional() }),
    responses: { 201: { description: 'Created', schema: z.object({ member: memberSchema, setupLinkEmailed: z.boolean() }) }, 409: { description: 'Email already used by a staff member' } },
    handler: async ({ request, reply, body }) => {
      const created = await createStaffMember(deps, contextOf(request, 'dpv:HumanResourceManagement'), body);
      reply.status(201);
      return { member: await staffMemberView(deps, created.staffId), setupLinkEmailed: created.setupLink !== null };
    },
  });

  kit.route({
    method: 'PATCH', url: '/api/v1/staff/members/:id', kind: 'api', auth: manage, tags: ['staff'],
    summary: 'Changes role and/or status. The last active owner can be neither demoted nor disabled; disabling ends all sessions.',
    params: staffIdParams,
    body: z.object({ role: z.enum(staffRoles).optional(), status: z.enum(['active', 'disabled']).optional() }).refine((b) => b.role !== undefined || b.status !== undefined, { message: 'Give role or status' }),
    responses: { 200: { description: 'Changed', schema: z.object({ member: memberSchema }) }, 404: { description: 'No such member' }, 409: { description: 'Last active owner' } },
    handler: async ({ request, params, body }) => {
      await changeStaffMember(deps, contextOf(request, 'dpv:HumanResourceManagement'), params.id, body);
      const member = await staffMemberView(deps, params.id);
      if (!member) throw new AppError('NOT_FOUND');
      return { member };
    },
  });

  kit.route({
    method: 'GET', url: '/api/v1/staff/me', kind: 'api', auth: { kind: 'staff', permission: 'console.view' }, tags: ['staff'],
    summary: 'The signed-in staff member, their role and permissions.',
    responses: { 200: { description: 'The signed-in member', schema: z.object({ member: memberSchema, permissions: z.array(z.string()) }) } },
    handler: async ({ staff }) => {
      const member = await staffMemberView(deps, staff!.staffId);
      if (!member) throw new AppError('UNAUTHENTICATED');
      return { member, permissions: [...rolePermissions[staff!.role]] };
    },
  });
}
