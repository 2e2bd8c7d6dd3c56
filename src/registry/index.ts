/** What other capabilities and the composition root may use from the registry. */
import { type Migration, migrationsFromDir } from "../platform/db/migrate.ts";

export { registryEncryptedColumns } from "./person-seal.service.ts";
export { registryRoutes } from "./registry.routes.ts";
export { createRegistryService, type RegistryService } from "./registry.service.ts";
export { seedRegistryDemo } from "./registry-demo.seed.ts";

/** The registry's migrations, to run after the platform's. */
export function registryMigrations(): Migration[] {
  return migrationsFromDir("registry", new URL("./migrations/", import.meta.url));
}
