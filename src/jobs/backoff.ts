/** How long to wait before a retry: exponential in the attempt number, capped, with jitter. */
export interface BackoffPolicy {
  /** Delay after the first failed attempt, in milliseconds. */
  readonly baseMs: number;
  /** No retry waits longer than this. */
  readonly capMs: number;
}

export const defaultBackoff: BackoffPolicy = { baseMs: 10_000, capMs: 60 * 60_000 };

/**
 * "Equal jitter": half the exponential delay is fixed, half random, so retries of many jobs that
 * failed together (an SMTP outage) spread out instead of hammering the recovered service at once.
 */
export function backoffDelayMs(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  const delay = Math.min(policy.capMs, policy.baseMs * 2 ** exponent);
  return Math.round(delay / 2 + random() * (delay / 2));
}

/**
 * "Class: message", short, for last_error columns and logs. Our own messages carry ids only, but a
 * remote server's (SMTP "550 <bob@example.com> unknown") may echo an address, so those are masked.
 */
export function describeError(error: unknown): string {
  const raw = error instanceof Error ? `${error.name}: ${error.message}` : `NonError: ${String(error)}`;
  const text = raw.replace(/[^\s<>@"'(),;:]+@[^\s<>@"'(),;:]+/g, '[address]');
  return text.length > 500 ? `${text.slice(0, 497)}...` : text;
}
