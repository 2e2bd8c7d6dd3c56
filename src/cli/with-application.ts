import type { Application } from "../app.ts";

/**
 * Opens the application (database, migrations, keys) for one command and closes it afterwards. The composition
 * root is imported here, when a command first needs it, so a command that opens no database (and `--help`)
 * never loads the capabilities.
 */
export async function withApplication<T>(fn: (app: Application) => Promise<T>): Promise<T> {
  const [{ createApplication }, { loadConfig }] = await Promise.all([
    import("../app.ts"),
    import("../platform/config.ts"),
  ]);
  const app = await createApplication(loadConfig());
  try {
    return await fn(app);
  } finally {
    await app.platform.close();
  }
}
