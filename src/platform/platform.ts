import { createAgreementsService } from "./agreements/agreements.service.ts";
import { createNationsService } from "./auth/nations.service.ts";
import { SEED_TENANTS } from "./auth/nations.ts";
import { createSessionsService } from "./auth/sessions.service.ts";
import { upsertTenant } from "./auth/tenants.store.ts";
import { createUsersService, USER_NAME_CONTEXT } from "./auth/users.service.ts";
import type { Config } from "./config.ts";
import type { EncryptedColumn } from "./crypto/key-rotation.ts";
import { type Keyring, keyringFrom, loadKeyFile } from "./crypto/keyring.ts";
import { type Database, openDatabase } from "./db/connect.ts";
import { type Migration, migrate } from "./db/migrate.ts";
import { createOfficesService } from "./offices/offices.service.ts";

/** The platform's encrypted columns; capabilities add theirs for key rotation. */
export const platformEncryptedColumns: EncryptedColumn[] = [
  { table: "users", keyColumns: ["tenant_id", "id"], column: "display_name", context: USER_NAME_CONTEXT },
];

/** The ground floor every capability stands on: the database, the keys, and the sign-in services. */
export interface Platform {
  config: Config;
  database: Database;
  keyring: Keyring;
  sessions: ReturnType<typeof createSessionsService>;
  users: ReturnType<typeof createUsersService>;
  nations: ReturnType<typeof createNationsService>;
  offices: ReturnType<typeof createOfficesService>;
  /** Data-sharing agreements: what may cross between two tenants, for which purposes. */
  agreements: ReturnType<typeof createAgreementsService>;
  close(): Promise<void>;
}

export interface PlatformOptions {
  /** Every migration to apply, the platform's own first (see `platformMigrations`). */
  migrations: Migration[];
  /** A database opened by the caller (tests); otherwise the configured one is opened. */
  database?: Database;
}

/** Opens the database, loads the keys, applies pending migrations (some encrypt stored values), seeds the tenants. */
export async function startPlatform(config: Config, options: PlatformOptions): Promise<Platform> {
  const database =
    options.database ?? (await openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl }));
  try {
    const keyring = keyringFrom(
      loadKeyFile({ keyFile: config.keyFile, keysFromEnv: config.keysFromEnv, create: !config.production }),
    );
    await migrate(database, options.migrations, keyring);
    await seedTenants(database);
    return {
      config,
      database,
      keyring,
      sessions: createSessionsService(database, keyring),
      users: createUsersService(database, keyring),
      nations: createNationsService(database),
      offices: createOfficesService(database),
      agreements: createAgreementsService(database),
      close: () => database.close(),
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}

/** Inserts or refreshes the reference list of tenants. */
export async function seedTenants(database: Database): Promise<void> {
  await database.asOwner(async (tx) => {
    for (const t of SEED_TENANTS) await upsertTenant(tx, t);
  });
}
