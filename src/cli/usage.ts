/** The one usage text, printed by `help` and after any unknown command or flag. */
export const usage = `Usage: custodian <command> [options]

Commands:
  start [--demo]            Migrate, serve HTTP and run background work until SIGINT/SIGTERM.
                            --demo fills the database with demo customers and staff once.
  migrate                   Apply pending database migrations and exit.
  create-staff --email E --name N --role R [--password-stdin]
                            Add a staff member. Roles: owner, privacy_officer, support,
                            billing, auditor. With --password-stdin the password is read
                            from standard input; otherwise a setup link is printed.
  audit verify              Check the hash chain of the audit trail (exit 1 if broken).
  help                      Show this text.

Configuration comes from environment variables (see README.md, "Settings").
`;

/** Exit status for wrong usage and configuration errors, apart from 1 (a failed check). */
export const usageExitCode = 2;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}
