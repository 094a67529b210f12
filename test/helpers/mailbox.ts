// An SMTP server on loopback (smtp-server) that keeps every message it receives, for the digest's
// tests: what a mail reader would get, and its MIME parts decoded.
import { SMTPServer } from 'smtp-server';

export interface Received {
  from: string;
  to: string[];
  raw: string;
}

export interface Mailbox {
  /** smtp://127.0.0.1:<port>, for RADAR_SMTP_URL */
  url: string;
  received: Received[];
  close(): Promise<void>;
}

export async function openMailbox(): Promise<Mailbox> {
  const received: Received[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8')
        });
        callback();
      });
    }
  });
  const port = await new Promise<number>((resolve) =>
    smtp.listen(0, '127.0.0.1', () => resolve((smtp.server.address() as { port: number }).port))
  );
  return { url: `smtp://127.0.0.1:${port}`, received, close: () => new Promise<void>((resolve) => smtp.close(() => resolve())) };
}

/** One MIME part's decoded body (base64 or quoted-printable), found by its Content-Type. */
export function mimePart(raw: string, type: RegExp): Buffer {
  const found = new RegExp(
    `Content-Type: ${type.source}[^]*?Content-Transfer-Encoding: ([^\\r\\n]+)[^]*?\\r\\n\\r\\n([^]*?)\\r\\n--`,
    'i'
  ).exec(raw);
  if (!found) throw new Error(`no ${type.source} part`);
  const [, encoding, body] = found;
  if (encoding.trim().toLowerCase() === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64');
  return Buffer.from(
    body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    'latin1'
  );
}
