// RADAR_DIGEST_SCHEDULE (a cron expression, read by croner): the server sends the last complete
// week's digest itself at those times. A failed send is logged and tried again at the next time.
import { Cron } from 'croner';
import { config } from '../config.ts';
import type { Reader } from '../queries/reader.ts';
import { sendDigest } from './send.ts';

export function scheduleDigest(db: Reader, log: (line: string) => void = (line) => process.stderr.write(line + '\n')): Cron | null {
  const pattern = config.digestSchedule;
  if (!pattern) return null;
  let job: Cron;
  try {
    job = new Cron(pattern, { protect: true }, async () => {
      try {
        const sent = await sendDigest(db);
        log(`weekly digest for ${sent.week_start} – ${sent.week_end} sent to ${sent.to.join(', ')}`);
      } catch (error) {
        log(`weekly digest not sent: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
  } catch (error) {
    throw new Error(
      `RADAR_DIGEST_SCHEDULE ${JSON.stringify(pattern)} is not a cron expression: ${error instanceof Error ? error.message : String(error)}`,
      {
        cause: error
      }
    );
  }
  log(`weekly digest scheduled (${pattern}): next at ${job.nextRun()?.toISOString() ?? 'never'}`);
  return job;
}
