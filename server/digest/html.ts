// The digest as an HTML e-mail (tables and inline styles: what mail clients render) and as plain
// text. The chart is an inline image referenced by cid; the same figures are in the tables, so a
// client that does not show SVG images loses nothing but the picture.
import type { DigestContent, DigestKpi } from './content.ts';

export const CHART_CID = 'aging-chart@radar';
const CREDITS_LABEL = 'Unapplied credits and over-payments';

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const money = (v: number | null) => (v === null ? '—' : v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }));

function formatKpi(kpi: Pick<DigestKpi, 'unit'>, value: number | null): string {
  if (value === null) return '—';
  if (kpi.unit === 'money') return money(value);
  if (kpi.unit === 'days') return `${value.toFixed(1)} days`;
  if (kpi.unit === 'share') return `${(value * 100).toFixed(1)} %`;
  return value.toFixed(1);
}

function formatChange(kpi: DigestKpi): string {
  if (kpi.change === null) return '';
  const sign = kpi.change > 0 ? '+' : kpi.change < 0 ? '−' : '±';
  const size = Math.abs(kpi.change);
  const text =
    kpi.unit === 'money'
      ? money(size)
      : kpi.unit === 'days'
        ? `${size.toFixed(1)} days`
        : kpi.unit === 'share'
          ? `${(size * 100).toFixed(1)} pts`
          : size.toFixed(1);
  return `${sign}${text}`;
}

export function digestSubject(content: DigestContent): string {
  // plain ASCII: a subject stays readable in every client without MIME encoded-words
  return `Receivables Radar: week ${content.week_start} to ${content.week_end}`;
}

export function digestHtml(content: DigestContent, withChart: boolean): string {
  const cell = 'padding:4px 10px;border-bottom:1px solid #e5e7eb;';
  const right = `${cell}text-align:right;font-variant-numeric:tabular-nums;`;
  const kpiRows = content.kpis
    .map((kpi) => {
      const good = kpi.change === null || kpi.change === 0 ? '#374151' : kpi.change > 0 === kpi.higherIsBetter ? '#047857' : '#b91c1c';
      return `<tr><td style="${cell}">${escape(kpi.label)}</td><td style="${right}" data-kpi="${kpi.key}">${formatKpi(kpi, kpi.value)}</td><td style="${right}color:${good}">${formatChange(kpi)}</td></tr>`;
    })
    .join('');
  const agingRows = [
    ...content.aging.buckets.map(
      (b) =>
        `<tr><td style="${cell}">${escape(b.bucket)}</td><td style="${right}">${money(b.balance)}</td><td style="${right}">${b.invoices}</td></tr>`
    ),
    // over-payments are not aged: their own line, so the lines add up to the total
    `<tr><td style="${cell}">${CREDITS_LABEL}</td><td style="${right}" data-aging="credits">${money(content.aging.credits.balance)}</td><td style="${right}">${content.aging.credits.invoices}</td></tr>`,
    `<tr><td style="${cell}font-weight:bold">Total</td><td style="${right}font-weight:bold" data-aging="total">${money(content.aging.total)}</td><td style="${cell}"></td></tr>`
  ].join('');
  const drifting = content.drifting.length
    ? `<ul>${content.drifting.map((d) => `<li><strong>${escape(d.name ?? d.customer_id)}</strong> (${escape(d.customer_id)}), score ${d.score.toFixed(0)}: ${escape(d.reasons.join('; '))}</li>`).join('')}</ul>`
    : '<p>No customer is flagged as paying slower than usual.</p>';
  const broken = content.broken_promises.length
    ? `<table style="border-collapse:collapse;font-size:14px">${content.broken_promises
        .map(
          (p) =>
            `<tr><td style="${cell}">${escape(p.name ?? p.customer_id)} (${escape(p.customer_id)})</td><td style="${right}">${money(p.promised_amount)} ${p.currency}</td><td style="${cell}">promised for ${p.promised_date}</td><td style="${cell}">${escape(p.collector ?? '')}</td></tr>`
        )
        .join('')}</table>`
    : '<p>No promise to pay was broken this week.</p>';
  return `<!doctype html><html><body style="font-family:Arial,Helvetica,sans-serif;color:#111827;font-size:14px">
<h1 style="font-size:18px">Week ${content.week_start} – ${content.week_end}</h1>
<h2 style="font-size:15px">Key figures in ${content.aging.currency} (change on the week before)</h2>
<table style="border-collapse:collapse;font-size:14px">${kpiRows}</table>
<h2 style="font-size:15px">Aging at ${content.aging.as_of}, in ${content.aging.currency}</h2>
${withChart ? `<img src="cid:${CHART_CID}" alt="Bar chart of the open balance by days past due" width="560" height="240" style="display:block;max-width:100%">` : ''}
<table style="border-collapse:collapse;font-size:14px"><tr><th style="${cell}text-align:left">Bucket</th><th style="${right}">Balance</th><th style="${right}">Invoices</th></tr>${agingRows}</table>
<h2 style="font-size:15px">Customers drifting most</h2>
${drifting}
<h2 style="font-size:15px">Broken promises (${content.broken_promises.length})</h2>
${broken}
</body></html>`;
}

export function digestText(content: DigestContent): string {
  const lines = [
    `Week ${content.week_start} – ${content.week_end}`,
    '',
    `Key figures in ${content.aging.currency} (change on the week before)`
  ];
  for (const kpi of content.kpis) lines.push(`  ${kpi.label}: ${formatKpi(kpi, kpi.value)} ${formatChange(kpi)}`.trimEnd());
  lines.push('', `Aging at ${content.aging.as_of}, in ${content.aging.currency}`);
  for (const b of content.aging.buckets) lines.push(`  ${b.bucket}: ${money(b.balance)} (${b.invoices} invoices)`);
  lines.push(`  ${CREDITS_LABEL}: ${money(content.aging.credits.balance)} (${content.aging.credits.invoices} invoices)`);
  lines.push(`  Total: ${money(content.aging.total)}`, '', 'Customers drifting most');
  for (const d of content.drifting)
    lines.push(`  ${d.name ?? d.customer_id} (${d.customer_id}), score ${d.score.toFixed(0)}: ${d.reasons.join('; ')}`);
  if (!content.drifting.length) lines.push('  none flagged');
  lines.push('', `Broken promises (${content.broken_promises.length})`);
  for (const p of content.broken_promises)
    lines.push(
      `  ${p.name ?? p.customer_id} (${p.customer_id}): ${money(p.promised_amount)} ${p.currency} promised for ${p.promised_date}`
    );
  return lines.join('\n') + '\n';
}
