// Opens the database for one CLI command: schema and models brought up to date, never seeded.
import { Database } from '../db.ts';
import { ensureModels } from '../models.ts';
import { BadInput } from './errors.ts';

export async function openDatabaseForCli(path: string): Promise<Database> {
  let db: Database;
  try {
    db = await Database.open(path);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/lock/i.test(message)) {
      throw new BadInput(`database ${path} is in use by another process (is the server running?); stop it or pass --db with another file`);
    }
    throw new BadInput(`cannot open database ${path}: ${message.split('\n')[0]}`);
  }
  await db.write((connection) => ensureModels(connection));
  return db;
}
