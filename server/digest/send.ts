// Renders the week's digest and sends it through SMTP (nodemailer) to the addresses given, or to
// RADAR_DIGEST_TO. The chart goes as an inline SVG image (cid), the figures as HTML tables and text.
import nodemailer from 'nodemailer';
import { config } from '../config.ts';
import type { Reader } from '../queries/reader.ts';
import { agingChartSvg } from './chart.ts';
import { digestContent, type DigestContent } from './content.ts';
import { CHART_CID, digestHtml, digestSubject, digestText } from './html.ts';

export class DigestNotConfigured extends Error {}

export interface SentDigest {
  week_start: string;
  week_end: string;
  to: string[];
  subject: string;
  message_id: string;
  content: DigestContent;
}

export async function sendDigest(db: Reader, options: { week?: string; to?: string[] } = {}): Promise<SentDigest> {
  const smtpUrl = config.smtpUrl;
  if (!smtpUrl) throw new DigestNotConfigured('RADAR_SMTP_URL is not set: the digest needs an SMTP server (smtp://user:pass@host:587)');
  const to = options.to?.length ? options.to : config.digestTo;
  if (!to.length) throw new DigestNotConfigured('no recipient: pass --to ADDRESS or set RADAR_DIGEST_TO');
  const content = await digestContent(db, options.week);
  const subject = digestSubject(content);
  const transport = nodemailer.createTransport(smtpUrl);
  try {
    const info = await transport.sendMail({
      from: config.digestFrom,
      to,
      subject,
      text: digestText(content),
      html: digestHtml(content, true),
      attachments: [{ filename: 'aging.svg', content: agingChartSvg(content.aging), contentType: 'image/svg+xml', cid: CHART_CID }]
    });
    return { week_start: content.week_start, week_end: content.week_end, to, subject, message_id: info.messageId, content };
  } finally {
    transport.close();
  }
}
