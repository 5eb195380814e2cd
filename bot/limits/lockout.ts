import type { Clock } from '../../data/clock.js';

export interface LockoutPolicy {
  /** Wrong credentials from one source address within the window before it is refused. */
  perSource: number;
  /**
   * Wrong credentials for one holder (an agent, the admin token, the Direct Line secret) from
   * anywhere. Higher than per source, so one attacker cannot lock a holder out on their own,
   * while a spread-out guess still stops.
   */
  perHolder: number;
  windowMs: number;
}

export const DEFAULT_LOCKOUT: LockoutPolicy = { perSource: 10, perHolder: 100, windowMs: 15 * 60_000 };
/** Keys remembered at most; past it the oldest go (memory stays bounded under a spray of addresses). */
const MAX_KEYS = 10_000;

/**
 * Failed credential checks, counted per holder and per source address. Every check of a
 * credential asks `retryAfter` first and reports a wrong one with `fail`, so no route can be
 * used to guess past the login's lockout. Synchronous and on the injected clock.
 */
export class CredentialLockout {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly clock: Clock,
    private readonly policy: LockoutPolicy = DEFAULT_LOCKOUT,
  ) {}

  /** Seconds until this holder may try again from this source, or undefined when not locked. */
  retryAfter(holder: string, source: string): number | undefined {
    const waits = [this.wait(`source:${source}`, this.policy.perSource), this.wait(`holder:${holder}`, this.policy.perHolder)];
    const longest = Math.max(...waits.map((w) => w ?? 0));
    return longest > 0 ? Math.ceil(longest / 1000) : undefined;
  }

  fail(holder: string, source: string): void {
    for (const key of [`source:${source}`, `holder:${holder}`]) {
      const recent = this.recent(key);
      recent.push(this.clock.now().getTime());
      this.failures.delete(key);
      this.failures.set(key, recent);
    }
    while (this.failures.size > MAX_KEYS) this.failures.delete(this.failures.keys().next().value!);
  }

  /** Milliseconds until the oldest counted failure leaves the window, when the key is at its limit. */
  private wait(key: string, limit: number): number | undefined {
    const recent = this.recent(key);
    if (recent.length < limit) return undefined;
    return recent[recent.length - limit] + this.policy.windowMs - this.clock.now().getTime();
  }

  private recent(key: string): number[] {
    const since = this.clock.now().getTime() - this.policy.windowMs;
    return (this.failures.get(key) ?? []).filter((t) => t > since);
  }
}
