/**
 * zod probes for eval (`Function('')`) to compile faster parsers. The renderer's CSP forbids
 * eval, so the probe is reported as a CSP violation on every start. Interpreted parsing is
 * plenty here. Imported first by main.tsx, before any module can parse.
 */
import { config } from 'zod';

config({ jitless: true });
