import type { Config } from "./platform/config.ts";
import type { Database } from "./platform/db/connect.ts";
import { type Migration, platformMigrations } from "./platform/db/migrate.ts";
import { createHttpApp } from "./platform/http/http-app.ts";
import { platformEncryptedColumns, startPlatform } from "./platform/platform.ts";
import { adminRoutes } from "./platform/routes/admin.routes.ts";
import { auditRoutes } from "./platform/routes/audit.routes.ts";
import { authRoutes } from "./platform/routes/auth.routes.ts";

/** Every capability's migrations after the platform's, in the order they must run. */
export function allMigrations(): Migration[] {
  return [...platformMigrations()];
}

/** The composition root: every capability's migrations, services and routes, put together once. */
export async function createApplication(config: Config, options: { database?: Database } = {}) {
  const platform = await startPlatform(config, { migrations: allMigrations(), ...options });
  const http = createHttpApp(platform, [
    {
      path: "/auth",
      router: authRoutes(platform.sessions, {
        secureCookies: config.production,
        trustProxy: config.trustProxy,
      }),
    },
    { path: "/", router: adminRoutes(platform.database.db, platform.users) },
    { path: "/", router: auditRoutes(platform.database.db) },
  ]);
  /** Loads each capability's demo data; every seeder is idempotent. */
  const seedDemoData = async (): Promise<void> => {};
  return { platform, http, encryptedColumns: [...platformEncryptedColumns], seedDemoData };
}

export type Application = Awaited<ReturnType<typeof createApplication>>;
