// docs/benchmarks.md is rewritten by `npm run bench`; the hand-written notes below its marker (why a
// target is missed, what changed since the last run) must survive the rewrite.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HAND_NOTES_MARKER, withHandNotes } from '../../bench/report.ts';

const page = readFileSync('docs/benchmarks.md', 'utf8');

describe('npm run bench keeps the hand-written notes of docs/benchmarks.md', () => {
  it('the page has its marker once, with the notes after it', () => {
    expect(page.split(HAND_NOTES_MARKER)).toHaveLength(2);
    expect(page.slice(page.indexOf(HAND_NOTES_MARKER))).toContain('## Why the ingest target is missed');
  });

  it('replaces the measured part and keeps everything from the marker on, byte for byte', () => {
    const next = withHandNotes('# Benchmarks\n\nnew figures\n', page);
    expect(next.startsWith('# Benchmarks\n\nnew figures\n\n' + HAND_NOTES_MARKER)).toBe(true);
    expect(next.slice(next.indexOf(HAND_NOTES_MARKER))).toBe(page.slice(page.indexOf(HAND_NOTES_MARKER)));
    expect(next).not.toContain(page.slice(0, page.indexOf(HAND_NOTES_MARKER)).trim().split('\n')[2]);
  });

  it('starts the notes with an empty marker on a first run', () => {
    expect(withHandNotes('# Benchmarks\n', null)).toBe(`# Benchmarks\n\n${HAND_NOTES_MARKER}\n`);
  });
});
