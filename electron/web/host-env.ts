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
 * - Not set, measured (issue 18 #7): `--max-semi-space-size=1`. V8 grows the young
 *   generation's semi-spaces to 16 MB each under a steady stream of short-lived objects and
 *   keeps them committed; capping them took the host at 1,000 msg/s from 119–123 MB to 91–103 MB
 *   (peaks up to 117 MB), but cost 15–50% more CPU per message at flood rates (11.7–15.4 µs
 *   against 9.8–10.2). Throughput is what the host is for, and the RSS goal was not met
 *   reliably even then, so V8's default stays. MALLOC_ARENA_MAX=2 changed nothing (118/119 MB).
 */
import env from './host-env.json';

// The values live in JSON so that scripts/web.mjs (plain Node, no TypeScript) reads the same ones.
export const HOST_ENV: Readonly<Record<string, string>> = env;
