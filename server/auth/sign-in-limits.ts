// Sign-in guessing limits: per username and per address, with growing delays instead of a lock.
// A lock that ten wrong passwords trigger lets anyone lock anyone out; a delay only slows guessing.
// Each attempt is counted *before* its password is checked, in the same synchronous step that
// reads the count, so parallel attempts cannot all pass the check first (issue 14 #5: 40 parallel
// wrong passwords all got 401, where one at a time locked at the 11th).
//
// A key (user:NAME or addr:ADDRESS) may try freely `free` times in the window; after that, each
// attempt must wait 2^(failures - free) seconds after the previous one, at most `maxDelayMs`. A
// right password clears the username's count; failures are forgotten after `windowMs` quiet.

export interface LimitPolicy {
  free: number;
  maxDelayMs: number;
}

export const USER_POLICY: LimitPolicy = { free: 5, maxDelayMs: 60_000 };
/** an office behind one address has many users: more room before delays start */
export const ADDRESS_POLICY: LimitPolicy = { free: 20, maxDelayMs: 60_000 };
const WINDOW_MS = 15 * 60 * 1000;

interface Entry {
  failures: number;
  /** the next attempt is allowed from here on (epoch ms) */
  nextAt: number;
  lastAt: number;
}

export class TooManyAttempts extends Error {
  constructor(
    readonly retryAfterSeconds: number,
    what: string
  ) {
    super(`too many wrong passwords ${what}; try again in ${retryAfterSeconds} s`);
  }
}

export class SignInLimits {
  private readonly entries = new Map<string, Entry>();
  constructor(private readonly now: () => number = Date.now) {}

  private entry(key: string): Entry {
    const found = this.entries.get(key);
    if (found && this.now() - found.lastAt < WINDOW_MS) return found;
    const fresh = { failures: 0, nextAt: 0, lastAt: this.now() };
    this.entries.set(key, fresh);
    if (this.entries.size > 100_000) this.forgetOld();
    return fresh;
  }

  /**
   * Takes an attempt for `username` from `address`, counted as a failure until `succeeded` says
   * otherwise; throws TooManyAttempts (no password is checked) when either key must still wait.
   */
  take(username: string, address: string): { succeeded(): void } {
    const keys: [string, LimitPolicy, string][] = [
      [`user:${username.toLowerCase()}`, USER_POLICY, 'for this user'],
      [`addr:${address}`, ADDRESS_POLICY, 'from this address']
    ];
    const now = this.now();
    for (const [key, , what] of keys) {
      const entry = this.entry(key);
      if (entry.nextAt > now) throw new TooManyAttempts(Math.ceil((entry.nextAt - now) / 1000), what);
    }
    for (const [key, policy] of keys) {
      const entry = this.entry(key);
      entry.failures++;
      entry.lastAt = now;
      const over = entry.failures - policy.free;
      if (over >= 0) entry.nextAt = now + Math.min(policy.maxDelayMs, 1000 * 2 ** over);
    }
    return {
      succeeded: () => {
        this.entries.delete(keys[0]![0]);
        const addr = this.entries.get(keys[1]![0]);
        if (addr) addr.failures = Math.max(0, addr.failures - 1);
      }
    };
  }

  private forgetOld(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) if (now - entry.lastAt >= WINDOW_MS) this.entries.delete(key);
  }
}
