// Errors of the write path that the API answers in words of their own (server/app.ts).

/**
 * A write whose rows were saved (its own transaction committed) but whose model rebuild failed and
 * rolled back: the figures show the data before it until the next load, undo or start rebuilds
 * them (ensureModels sees the build marker stale).
 */
export class FiguresNotRebuilt extends Error {
  constructor(saved: string, cause: unknown) {
    const why = (cause instanceof Error ? cause.message : String(cause)).split('\n')[0];
    super(`${saved}, but the figures could not be rebuilt (${why}); they show the data before it until the next load, undo or restart rebuilds them`, { cause });
  }
}
