import type { Config } from "@react-router/dev/config";

export default {
  appDirectory: "app",
  ssr: true,
  future: {
    // Loaders and actions receive a typed RouterContextProvider (server/context.ts, ADR 014).
    v8_middleware: true,
    // Answered, not adopted yet: each changes the build or the data URLs and gets its own
    // change with the e2e suite when we move to React Router 8 (ADR 014).
    v8_splitRouteModules: false,
    v8_viteEnvironmentApi: false,
    v8_passThroughRequests: false,
    v8_trailingSlashAwareDataRequests: false,
  },
} satisfies Config;
