import { defineConfig } from "vitest/config";

/**
 * `npm run test:faults`: the fault-injection scenarios and the protocol fuzz run. Kept out of
 * `npm test` (its files end in .fault.ts, which the default include does not match) because
 * they kill processes, stop private database servers and take a few minutes.
 */
export default defineConfig({
  test: {
    root: new URL("../..", import.meta.url).pathname,
    include: ["tests/faults/**/*.fault.ts"],
    // Fails any scenario that calls console.error (opt out with allowConsoleError()).
    setupFiles: ["tests/helpers/console-guard.ts"],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    pool: "forks",
    // One scenario at a time: they measure and kill processes on a 2-core machine.
    fileParallelism: false,
  },
});
