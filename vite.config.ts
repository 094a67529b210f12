import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

const apiPort = process.env.PORT ?? '8080';

export default defineConfig({
  plugins: [sveltekit()],
  server: { proxy: { '/api': `http://127.0.0.1:${apiPort}` } },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // DuckDB work is CPU-bound and the CI box has 2 cores.
    fileParallelism: true,
    maxWorkers: 2
  }
});
