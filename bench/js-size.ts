// JavaScript shipped for a page of the built dashboard, gzip -9: the modules the page needs before it
// can render (kit entry, app, root layout, the page's node and their static imports), and those it
// loads afterwards on first use (dynamic imports, e.g. ECharts). Run `npx vite build` first.
// npx tsx bench/js-size.ts [--node 2]   (node 2 is the overview, web/routes/+page.*)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';

const { values } = parseArgs({ options: { node: { type: 'string', default: '2' } } });
const CLIENT = '.svelte-kit/output/client';
type Chunk = { file: string; imports?: string[]; dynamicImports?: string[] };
const manifest = JSON.parse(readFileSync(join(CLIENT, '.vite/manifest.json'), 'utf8')) as Record<string, Chunk>;
const generated = '.svelte-kit/generated/client-optimized';
const roots = [
  'node_modules/@sveltejs/kit/src/runtime/client/entry.js',
  `${generated}/app.js`,
  `${generated}/nodes/0.js`,
  `${generated}/nodes/${values.node}.js`
];

function closure(keys: string[], follow: (chunk: Chunk) => string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key) || !manifest[key]) return;
    seen.add(key);
    follow(manifest[key]!).forEach(visit);
  };
  keys.forEach(visit);
  return seen;
}

const gzipped = (keys: Iterable<string>) =>
  [...keys].reduce((sum, key) => sum + gzipSync(readFileSync(join(CLIENT, manifest[key]!.file)), { level: 9 }).length, 0);
const initial = closure(roots, (c) => c.imports ?? []);
// the app entry lazily imports every page's node: follow only the dynamic imports of what this page holds
const pageKeys = closure([roots[3]!], (c) => c.imports ?? []);
const lazyRoots = [...pageKeys].flatMap((key) => manifest[key]!.dynamicImports ?? []);
const lazy = [...closure(lazyRoots, (c) => c.imports ?? [])].filter((key) => !initial.has(key));
console.log(
  JSON.stringify(
    {
      node: values.node,
      initial_gzip_kb: +(gzipped(initial) / 1024).toFixed(1),
      lazy_gzip_kb: +(gzipped(lazy) / 1024).toFixed(1),
      total_gzip_kb: +((gzipped(initial) + gzipped(lazy)) / 1024).toFixed(1)
    },
    null,
    2
  )
);
