import type { TestProject } from "vitest/node";
import { startServer } from "./browser-harness.ts";

/** One demo server, with the demo data, for every browser test file of the run. */
export default async function setup(project: TestProject) {
  const server = await startServer({ withData: true, readyTimeoutMs: 240_000 });
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
