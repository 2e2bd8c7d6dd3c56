import fs from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { prepareTemplate } from "./template-db.ts";

/**
 * Migrates one database before the suite: a PGlite data directory dumped to a file, or a PostgreSQL template
 * database when TEST_DATABASE_URL is set. Every test file then starts from a copy of it in a fraction of the time.
 */
export default async function setup(project: TestProject) {
  const dir = path.resolve(".tmp/test-template");
  fs.mkdirSync(dir, { recursive: true });
  const template = await prepareTemplate(dir);
  const { cleanup, ...serializable } = template;
  project.provide("dbTemplate", serializable);
  return async () => {
    await cleanup?.();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    dbTemplate: { kind: "pglite"; file: string } | { kind: "postgres"; url: string; templateName: string };
  }
}
