import type { Role } from "./auth/auth.contract.ts";
import { hashPassword } from "./auth/passwords.ts";
import { systemScope } from "./auth/scope.ts";
import { inScope } from "./db/scoped.ts";
import { AppError } from "./errors.ts";
import type { Platform } from "./platform.ts";

/** The password of every demo user: for demo mode on a workstation only, refused in production. */
export const DEMO_PASSWORD = "hemisphere-demo";

/** Nations that get one demo user per role; the secretariat gets its regional roles. */
export const DEMO_NATIONS = ["USA", "MEX", "COL", "GTM", "HTI", "BRA"];

const NATION_ROLES: Role[] = [
  "registrar",
  "caseworker",
  "pathway_officer",
  "border_officer",
  "investigator",
  "analyst",
  "nation_admin",
  "auditor",
];
const REGIONAL_ROLES: Role[] = ["regional_admin", "analyst", "auditor"];

/** The demo accounts: `<role>@<nation>.demo`. */
export function demoAccounts(): { nation: string; role: Role; email: string }[] {
  const nations = DEMO_NATIONS.flatMap((nation) => NATION_ROLES.map((role) => ({ nation, role })));
  const regional = REGIONAL_ROLES.map((role) => ({ nation: "REG", role }));
  return [...nations, ...regional].map((a) => ({ ...a, email: `${a.role}@${a.nation.toLowerCase()}.demo` }));
}

/** Creates the demo users that do not exist yet (one shared password hash, computed once). */
export async function seedDemoUsers(platform: Platform): Promise<number> {
  if (platform.config.production)
    throw new AppError("FORBIDDEN", "demo mode is refused when NODE_ENV=production");
  const hash = await hashPassword(DEMO_PASSWORD);
  const { db } = platform.database;
  const existing = new Set(
    (await db.selectFrom("user_logins").select("email").execute()).map((r) => r.email),
  );
  let created = 0;
  for (const account of demoAccounts()) {
    if (existing.has(account.email)) continue;
    const scope = systemScope(account.nation, "demo");
    const office =
      account.role === "registrar" || account.role === "caseworker" ? `${account.nation}-01` : null;
    if (office) {
      await inScope(db, scope, (tx) =>
        tx
          .insertInto("offices")
          .values({ tenant_id: account.nation, id: office, name: `${account.nation} main office` })
          .onConflict((oc) => oc.columns(["tenant_id", "id"]).doNothing())
          .execute(),
      );
    }
    const displayName = `${account.role.replace("_", " ")} (${account.nation})`;
    await platform.users.createUser(
      { ...scope, regional: account.nation === "REG" },
      { email: account.email, displayName, passwordHash: hash, roles: [account.role], officeId: office },
    );
    created++;
  }
  return created;
}
