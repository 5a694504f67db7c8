/**
 * The allocator setting the web host runs with (Trust #18). glibc raises its mmap threshold
 * each time a large mmapped block is freed, so after the first multi-megabyte payload later
 * ones come from the heap, whose freed pages fragment and stay resident: under a flood of
 * 16 MB payloads the host then sat 60–110 MB above its live memory. A fixed threshold keeps
 * every block from 128 KiB up in its own mapping, returned to the system when freed. Only
 * glibc reads it; elsewhere it is inert. It must be in the environment before the process
 * starts, so the launcher (`npm run web`, scripts/web.mjs) sets it, and the bench's host child does the same.
 */
import env from './host-env.json';

// The values live in JSON so that scripts/web.mjs (plain Node, no TypeScript) reads the same ones.
export const HOST_MALLOC_ENV: Readonly<Record<string, string>> = env;
