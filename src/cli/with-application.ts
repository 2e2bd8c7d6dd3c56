import { type Application, createApplication } from "../app.ts";
import { loadConfig } from "../platform/config.ts";

/** Opens the application (database, migrations, keys) for one command and closes it afterwards. */
export async function withApplication<T>(fn: (app: Application) => Promise<T>): Promise<T> {
  const app = await createApplication(loadConfig());
  try {
    return await fn(app);
  } finally {
    await app.platform.close();
  }
}
