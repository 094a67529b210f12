// The app without sign-in on a database of its own: opened before the tests of the file (or of the
// describe block) that calls appOn, closed after them. Tests read `.db`, `.app` or `.get(path)`.
import { afterAll, beforeAll } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { Database } from '../../server/db.ts';

export interface AppOn {
  db: Database;
  app: ReturnType<typeof createApp>;
  /** GET `path`: the status and the parsed JSON body. */
  get(path: string): Promise<{ status: number; body: any }>;
}

export function appOn(open: () => Promise<Database>): AppOn {
  const on: AppOn = {
    db: undefined as unknown as Database,
    app: undefined as unknown as ReturnType<typeof createApp>,
    async get(path) {
      const response = await on.app.request(path);
      return { status: response.status, body: await response.json() };
    }
  };
  beforeAll(async () => {
    on.db = await open();
    on.app = createApp({ db: on.db, auth: 'disabled' });
  });
  afterAll(() => on.db.close());
  return on;
}
