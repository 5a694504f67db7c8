/** The `mqscope` command (package.json "bin"): built to out/cli/index.js with a shebang. */
import { processIo } from './io';
import { main } from './main';

// exitCode, not exit(): stdout may still be draining into a pipe.
process.exitCode = await main(process.argv.slice(2), processIo);
