// The project's shared sample files (the brief's shared/data folder), wherever the clone sits:
// RADAR_SHARED_DATA, else a shared/data folder beside the repository or above it, else /work/shared/data.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { config } from '../server/config.ts';

const repository = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function sharedDataDir(): string {
  const candidates = [
    config.sharedData,
    join(repository, '..', 'shared', 'data'),
    join(repository, '..', '..', 'shared', 'data'),
    '/work/shared/data'
  ].filter((dir): dir is string => Boolean(dir));
  const found = candidates.find((dir) => existsSync(join(dir, 'ibm-ar-sample.csv')));
  if (!found) throw new Error(`ibm-ar-sample.csv not found in ${candidates.join(', ')}; set RADAR_SHARED_DATA`);
  return found;
}

export const SHARED_DATA = sharedDataDir();
export const IBM_SAMPLE = join(SHARED_DATA, 'ibm-ar-sample.csv');
