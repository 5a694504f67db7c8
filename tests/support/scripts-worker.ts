import { resolve } from 'node:path';
import type { WorkerSpec } from '../../electron/engine/scripts';

/**
 * The script worker from source, for engine tests: jiti compiles its TypeScript in the
 * worker thread (the hosts load the built `scripts-worker` bundle instead).
 */
export const SCRIPTS_WORKER: WorkerSpec = {
  file: resolve(__dirname, '../../electron/engine/scripts/worker.ts'),
  execArgv: ['--import', 'jiti/register'],
};
