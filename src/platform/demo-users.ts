import type { Role } from "./auth/auth.contract.ts";
import { hashPassword } from "./auth/passwords.ts";
import { rolesForTenant } from "./auth/role-assignment.ts";
import { systemScope } from "./auth/scope.ts";
import { listLoginEmails } from "./auth/user-logins.store.ts";
import { AppError } from "./errors.ts";
import { demoOfficesOf, seedDemoOffices } from "./offices/demo-offices.ts";
import type { Platform } from "./platform.ts";

/** The password of every demo user: for demo mode on a workstation only, refused in production. */
export const DEMO_PASSWORD = "hemisphere-demo";

/** Nations that get one demo user per role; the secretariat gets its regional roles. */
export const DEMO_NATIONS = ["USA", "MEX", "COL", "GTM", "HTI", "BRA"];

/** The demo accounts: `<role>@<nation>.demo`, one per role each kind of tenant may hold. */
export function demoAccounts(): { nation: string; role: Role; email: string }[] {
  const nations = DEMO_NATIONS.flatMap((nation) => rolesForTenant(false).map((role) => ({ nation, role })));
  const regional = rolesForTenant(true).map((role) => ({ nation: "REG", role }));
  return [...nations, ...regional].map((a) => ({ ...a, email: `${a.role}@${a.nation.toLowerCase()}.demo` }));
}

/** Creates the demo users that do not exist yet (one shared password hash, computed once). */
export async function seedDemoUsers(platform: Platform): Promise<number> {
  if (platform.config.production)
    throw new AppError("FORBIDDEN", "demo mode is refused when NODE_ENV=production");
  await seedDemoOffices(platform.database);
  const hash = await hashPassword(DEMO_PASSWORD);
  const { db } = platform.database;
  const existing = new Set(await listLoginEmails(db));
  let created = 0;
  for (const account of demoAccounts()) {
    if (existing.has(account.email)) continue;
    const scope = systemScope(account.nation, "demo");
    const office =
      account.role === "registrar" || account.role === "caseworker"
        ? (demoOfficesOf(account.nation)[0]?.id ?? null)
        : null;
    const displayName = `${account.role.replace("_", " ")} (${account.nation})`;
    await platform.users.createUser(scope, {
      email: account.email,
      displayName,
      passwordHash: hash,
      roles: [account.role],
      officeId: office,
    });
    created++;
  }
  return created;
}
