import type { TestProject } from "vitest/node";
import { startServer } from "./browser-harness.ts";

/**
 * One demo server, with the demo data, for every browser test file of the run. Every test's browser comes from
 * the same address, so the portal's per-address limits (5 applications and 60 reads a minute, which
 * `portal-limits.routes.test.ts` checks) are raised here: otherwise one file's applicants would spend the next
 * file's minute.
 */
export default async function setup(project: TestProject) {
  const server = await startServer({
    withData: true,
    readyTimeoutMs: 240_000,
    env: { HEMISPHERE_PORTAL_APPLIES_PER_MIN: "1000", HEMISPHERE_PORTAL_READS_PER_MIN: "10000" },
  });
  project.provide("e2eServer", { baseUrl: server.baseUrl, dataDir: server.dataDir });
  return async () => {
    await server.stop();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    e2eServer: { baseUrl: string; dataDir: string };
  }
}
