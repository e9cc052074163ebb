import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // CLI tests spawn the built binary. A timeout measures the machine, not
    // keyholder: a 2-core machine running other work took over 20 s for a
    // test that takes 2 s alone. Tests assert work done; the limit is only
    // there to end a hung run.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    snapshotFormat: { escapeString: false, printBasicPrototype: false },
  },
});
