// Errors of the write path that the API answers in words of their own (server/app.ts).

/**
 * A write whose rows were saved (its own transaction committed) but whose model rebuild failed and
 * rolled back: the figures show the data before it until the next load, undo or start rebuilds
 * them (ensureModels sees the build marker stale).
 */
export class FiguresNotRebuilt extends Error {
  constructor(saved: string, cause: unknown) {
    const why = (cause instanceof Error ? cause.message : String(cause)).split('\n')[0];
    super(
      `${saved}, but the figures could not be rebuilt (${why}); they show the data before it until the next load, undo or restart rebuilds them`,
      { cause }
    );
  }
}

const DISK_REASONS: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the file system is read-only',
  EACCES: 'the server is not allowed to write there',
  EPERM: 'the server is not allowed to write there',
  EIO: 'the disk reported an input/output error'
};

/**
 * The uploads folder (or the temp folder of a preview) refused a file: full, read-only, not ours.
 * Answered 503 in words, like a refused commit: nothing of the upload was kept.
 */
export class StorageRefused extends Error {
  constructor(
    where: string,
    readonly code: string,
    cause: unknown
  ) {
    super(
      `the server could not save the uploaded file in ${where}: ${DISK_REASONS[code]} (${code}); nothing was loaded, try again once the folder takes writes`,
      { cause }
    );
  }
}

/** Rethrows a file-system refusal of `where` as StorageRefused; anything else as it was. */
export function asStorageRefusal(error: unknown, where: string): unknown {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' && code in DISK_REASONS ? new StorageRefused(where, code, error) : error;
}

/** The client went away while its upload or preview ran: the work was interrupted, nothing kept. */
export class ClientGone extends Error {
  constructor() {
    super('the client went away; the work was stopped and nothing of it was kept');
  }
}
