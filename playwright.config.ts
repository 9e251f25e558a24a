import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";

// Never downloads browsers: always drives the system Chromium.
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${port}`;

// Playwright evaluates this file in the runner and again in every worker; the
// data directory is created once and handed on to workers through the env.
process.env.RATSCHLAG_E2E_DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), "ratschlag-e2e-"));
const dataDir = process.env.RATSCHLAG_E2E_DATA_DIR;

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  // Multi-browser scenarios on a 2-core machine need more than the default 30 s.
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: "list",
  use: {
    baseURL,
    browserName: "chromium",
    headless: true,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  webServer: {
    command: `npm run build && cross-env NODE_ENV=production PORT=${port} DATA_DIR=${JSON.stringify(dataDir)} tsx server/main.ts`,
    url: `${baseURL}/healthz`,
    env: { ORIGIN: baseURL },
    timeout: 180_000,
    reuseExistingServer: false,
    gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
  },
});
