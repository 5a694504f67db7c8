/**
 * The environment the web host runs with. Both settings must be in place before the process
 * starts, so the launcher (`npm run web`, scripts/web.mjs) sets them, and the bench's host
 * children do the same.
 *
 * - `MALLOC_MMAP_THRESHOLD_` (Trust #18): glibc raises its mmap threshold each time a large
 *   mmapped block is freed, so after the first multi-megabyte payload later ones come from the
 *   heap, whose freed pages fragment and stay resident: under a flood of 16 MB payloads the
 *   host then sat 60–110 MB above its live memory. A fixed threshold keeps every block from
 *   128 KiB up in its own mapping, returned to the system when freed. Only glibc reads it.
 * - `--max-semi-space-size=1` (issue 18 #7): V8 grows the young generation's semi-spaces to
 *   16 MB each under a steady stream of short-lived objects (every message is one), and keeps
 *   them committed. At 1,000 msg/s (bench/low-rate.ts, load 4–11) the host ended at 119–123 MB
 *   with V8's default (6 runs) and at 91–103 MB capped (9 runs; peaks 92–117 MB). The price is
 *   scavenging more often: 10–50% more CPU per message at flood rates (engine 11.7–15.4 µs/msg
 *   against 9.8–10.2, 3 runs each); at 1,000 msg/s it does not show. 2 MB semi-spaces did not
 *   pay reliably (100–121 MB); MALLOC_ARENA_MAX=2 changed nothing (118/119 MB) and is not set.
 */
import env from './host-env.json';

// The values live in JSON so that scripts/web.mjs (plain Node, no TypeScript) reads the same ones.
export const HOST_ENV: Readonly<Record<string, string>> = env;
