import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const electronStandIn = fileURLToPath(new URL('./tests/glue/electron-stand-in.ts', import.meta.url));

/**
 * Three suites, each runnable alone (`vitest run --project unit`). Test files run in
 * parallel: every broker-backed file starts its own Mosquitto on its own free ports.
 * scripts/test.mjs adds `--reporter=default --reporter=json --outputFile.json=…` on the CLI.
 */
export default defineConfig({
  test: {
    reporters: ['default'],
    // Where the JSON reporter writes when it is asked for without a path (never to stdout).
    outputFile: { json: 'test-results/vitest.json' },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          // Real brokers and real sockets: generous bounds, but bounds.
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // Electron's main entry against a recording stand-in for the `electron` module.
        resolve: {
          alias: [{ find: /^electron$/, replacement: electronStandIn }],
        },
        test: {
          name: 'glue',
          include: ['tests/glue/**/*.test.ts'],
          environment: 'node',
          // The package test extracts and loads the whole archive, others start Mosquitto: a
          // busy machine takes many times vitest's 5 s default. Bounds, but ones that hold.
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
