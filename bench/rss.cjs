// Preloaded by bench/run.mjs: report this process's peak resident memory
// (KiB) on file descriptor 3 as it exits, whatever it ran.
const { writeSync } = require('node:fs');
process.on('exit', () => {
  try {
    writeSync(3, `${process.resourceUsage().maxRSS}\n`);
  } catch {
    /* not run by the bench */
  }
});
