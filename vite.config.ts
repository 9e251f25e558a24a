import { reactRouter } from "@react-router/dev/vite";
import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  // The React Router plugin builds the app; unit tests import modules directly and need none of it.
  plugins: process.env.VITEST ? [] : [reactRouter()],
  build: { target: "es2022" },
  test: {
    exclude: [
      ...configDefaults.exclude,
      "tests/e2e/**",
      "tests/faults/**",
      "bench/**",
      "build/**",
      ".react-router/**",
    ],
    globalSetup: ["tests/global-setup.ts"],
    // Fails any test that calls console.error (opt out with allowConsoleError()).
    setupFiles: ["tests/helpers/console-guard.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
