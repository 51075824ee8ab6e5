/** The one usage text, printed by `help` and after any unknown command or flag. */
export const usage = `Usage: custodian <command> [options]

Commands:
  start [--demo [--demo-customers N]]
                            Migrate, serve HTTP and run background work until SIGINT/SIGTERM.
                            --demo fills the database once with demo customers (200, or N)
                            with services, domains, invoices and tickets, plus staff.
  migrate                   Apply pending database migrations and exit.
  create-staff --email E --name N --role R [--password-stdin]
                            Add a staff member. Roles: owner, privacy_officer, support,
                            billing, auditor. With --password-stdin the password is read
                            from standard input; otherwise a setup link is printed.
  audit verify              Check the hash chain of the audit trail (exit 1 if broken).
  generate --subjects N [--seed S] [--as-of YYYY-MM-DD]
                            Fill an empty database with N generated subjects (up to 1,000,000)
                            for benchmarks; the same seed gives the same data.
  help                      Show this text.

Configuration comes from environment variables (see README.md, "Settings").
`;

/** Exit status for wrong usage and configuration errors, apart from 1 (a failed check). */
export const usageExitCode = 2;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}
