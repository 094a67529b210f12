// At most N Explore queries at once. A query that finds every place taken is not queued (a queue
// would hold its request open for as long as the others run): it answers 429 with Retry-After, the
// seconds until the first running query reaches its deadline.
export class Busy extends Error {
  constructor(
    readonly retryAfterSeconds: number,
    running: number
  ) {
    super(
      `${running} Explore queries are running, the most this server runs at once (RADAR_EXPLORE_CONCURRENCY); try again in ${retryAfterSeconds} s`
    );
  }
}

export class ExploreGate {
  private readonly deadlines = new Set<{ at: number }>();
  constructor(private readonly places: number) {}

  /** Takes a place until `release` is called, or throws Busy. */
  enter(timeoutMs: number): () => void {
    if (this.deadlines.size >= this.places) {
      const soonest = Math.min(...[...this.deadlines].map((d) => d.at));
      throw new Busy(Math.max(1, Math.ceil((soonest - Date.now()) / 1000)), this.deadlines.size);
    }
    const entry = { at: Date.now() + timeoutMs };
    this.deadlines.add(entry);
    return () => this.deadlines.delete(entry);
  }
}
