// Preloaded (`node --require usage.cjs …`) into every process the end-to-end
// bench (`e2e.mjs`) starts: at exit it writes the process's CPU time and peak
// resident memory, as JSON, to the file named by FAULTLINE_BENCH_USAGE.
const { writeFileSync } = require('node:fs');

const file = process.env.FAULTLINE_BENCH_USAGE;
if (file) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(file, JSON.stringify({ cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, rssMB: u.maxRSS / 1024 }));
  });
}
