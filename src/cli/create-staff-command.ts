import { parseArgs } from 'node:util';
import { z } from 'zod';
import { openApp } from '../app/app.js';
import { loadConfig } from '../config/load-config.js';
import { systemContext } from '../context/request-context.js';
import { durationMs } from '../config/duration.js';
import { createStaffMember, staffSetupValidity } from '../staff/create-staff-member.js';
import { staffRoles } from '../staff/staff.tables.js';
import { commandLogger, type CliIo } from './cli-io.js';
import { UsageError } from './usage.js';

const options = z.object({
  email: z.email({ message: 'must be an email address' }),
  name: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  role: z.enum(staffRoles, { message: `must be one of ${staffRoles.join(', ')}` }),
});

/**
 * `custodian create-staff`: the operator's way in when the console is not reachable yet. Acts as
 * the system actor, so the audit trail shows the member came from the command line.
 */
export async function createStaffCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, 'password-stdin': { type: 'boolean' } },
    strict: true,
    allowPositionals: false,
  });
  const parsed = options.safeParse(values);
  if (!parsed.success) {
    throw new UsageError(parsed.error.issues.map((issue) => `--${issue.path.join('.')} ${issue.message}`).join('; '));
  }
  // Read the password before opening anything, so a missing pipe fails before the database is locked.
  const password = values['password-stdin'] ? (await io.readStdin()).replace(/\r?\n$/, '') : undefined;
  if (password === '') throw new UsageError('--password-stdin got an empty password');

  const config = loadConfig();
  const app = await openApp({ config, logger: commandLogger(config, io) });
  try {
    const created = await createStaffMember(app.deps, systemContext('dpv:HumanResourceManagement'), {
      email: parsed.data.email,
      displayName: parsed.data.name,
      role: parsed.data.role,
      ...(password === undefined ? {} : { password }),
    });
    io.stdout(`Created staff member ${created.staffId} with role ${parsed.data.role}.\n`);
    if (created.setupLink) {
      io.stdout(`They set their password with this link (also emailed; valid for ${durationMs(staffSetupValidity) / 3_600_000} hours):\n  ${created.setupLink}\n`);
    } else {
      io.stdout(`They can sign in at ${config.http.publicUrl}/console/sign-in\n`);
    }
    return 0;
  } finally {
    await app.close();
  }
}
