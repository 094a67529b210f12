// The CLI's `digest [--week W] [--to ADDRESS]...`: renders the week's review and sends it through
// RADAR_SMTP_URL (server/digest/send.ts). --week is any day of the week (its Sunday ends it).
import { isoDate } from '../contracts/common.ts';
import type { Database } from '../db.ts';
import { DigestNotConfigured, sendDigest } from '../digest/send.ts';
import { BadInput } from './errors.ts';
import type { CommandOutput } from './commands.ts';

export async function digestCommand(db: Database, week: unknown, to: unknown): Promise<CommandOutput> {
  if (week !== undefined && !isoDate.safeParse(week).success)
    throw new BadInput(`--week: must be a date written YYYY-MM-DD, got ${JSON.stringify(week)}`);
  const addresses = (Array.isArray(to) ? to : to === undefined ? [] : [to])
    .flatMap((a) => String(a).split(','))
    .map((a) => a.trim())
    .filter(Boolean);
  const bad = addresses.find((address) => !/^[^\s@<>]+@[^\s@<>]+$/.test(address));
  if (bad) throw new BadInput(`--to: ${JSON.stringify(bad)} is not an e-mail address`);
  try {
    const sent = await sendDigest(db, { week: week as string | undefined, to: addresses });
    const { content, ...summary } = sent;
    return {
      json: {
        ...summary,
        kpis: content.kpis.map(({ key, value, change }) => ({ key, value, change })),
        aging: content.aging,
        drifting: content.drifting.length,
        broken_promises: content.broken_promises.length
      },
      text: `sent "${sent.subject}" to ${sent.to.join(', ')} (${sent.message_id})`
    };
  } catch (error) {
    if (error instanceof DigestNotConfigured) throw new BadInput(error.message);
    throw error;
  }
}
