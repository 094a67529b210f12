// CLI: npx tsx data/generate.ts [--out DIR] [--invoices N] [--customers N] [--seed N] [--start YYYY-MM-DD] [--end YYYY-MM-DD]
import { parseArgs } from 'node:util';
import { formatSummary, generateLedger, type GenerateOptions } from './generator/index.ts';

const USAGE =
  'usage: npx tsx data/generate.ts [--out DIR] [--invoices N] [--customers N] [--seed N] [--start YYYY-MM-DD] [--end YYYY-MM-DD]';

function integer(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  // Accept 10_000_000 and 10,000,000 as well as 10000000.
  const value = Number(text.replace(/[_,]/g, ''));
  if (!Number.isInteger(value)) throw new Error(`--${name} must be an integer, got ${text}`);
  return value;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      invoices: { type: 'string' },
      customers: { type: 'string' },
      seed: { type: 'string' },
      start: { type: 'string' },
      end: { type: 'string' },
      help: { type: 'boolean', short: 'h' }
    },
    strict: true
  });
  if (values.help) {
    process.stderr.write(USAGE + '\n');
    return;
  }
  const options: GenerateOptions = {
    out: values.out,
    invoices: integer('invoices', values.invoices),
    customers: integer('customers', values.customers),
    seed: integer('seed', values.seed),
    start: values.start,
    end: values.end
  };
  const ledger = await generateLedger(options);
  process.stderr.write(formatSummary(ledger) + '\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
  process.exitCode = 1;
});
