import { defineConfig } from "vitest/config";

// Two projects: fast unit/integration tests beside the code, and browser tests driving Debian's chromium.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          globalSetup: ["test/global-setup.ts"],
          include: ["src/**/*.test.ts", "test/**/*.test.ts", "scripts/**/*.test.ts", "bench/**/*.test.ts"],
          pool: "forks",
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: "e2e",
          globalSetup: ["e2e/browser-global-setup.ts"],
          include: ["e2e/**/*.test.ts"],
          pool: "forks",
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
