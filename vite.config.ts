import { reactRouter } from "@react-router/dev/vite";
import { configDefaults, defineConfig } from "vitest/config";

// Server code (server/, db/) is not bundled into the app's server build: the build imports it
// through package.json "imports", so the process that runs server/main.ts and the route modules
// share one instance of every server module (docs/decisions/014-one-module-graph.md).
const SERVER_MODULES = [/^#server\//, /^#db\//];

export default defineConfig(({ isSsrBuild }) => ({
  // The React Router plugin builds the app; unit tests import modules directly and need none of it.
  plugins: process.env.VITEST ? [] : [reactRouter()],
  build: {
    target: "es2022",
    rollupOptions: isSsrBuild ? { external: SERVER_MODULES } : {},
  },
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
}));
