import type { Selectable } from "kysely";
import type { Db, Tx } from "../db/connect.ts";
import type { UserLoginsTable } from "../db/schema.ts";
import type { Scope } from "./scope.ts";

// SQL of `user_logins`: the one table read before the tenant is known, mapping an e-mail to its nation and
// user (an e-mail signs in to one nation only).

/** The login of an e-mail, read outside any tenant's transaction (sign-in starts here). */
export async function findLogin(db: Db, email: string): Promise<Selectable<UserLoginsTable> | undefined> {
  return db.selectFrom("user_logins").selectAll().where("email", "=", email).executeTakeFirst();
}

/** Every e-mail that signs in to some nation, read outside any tenant's transaction. */
export async function listLoginEmails(db: Db): Promise<string[]> {
  return (await db.selectFrom("user_logins").select("email").execute()).map((r) => r.email);
}

/** Whether some nation's user signs in with this e-mail already. */
export async function loginTaken(tx: Tx, email: string): Promise<boolean> {
  const taken = await tx
    .selectFrom("user_logins")
    .select("email")
    .where("email", "=", email)
    .executeTakeFirst();
  return taken !== undefined;
}

/** Records that this e-mail signs in as a user of the scope's nation. */
export async function insertLogin(tx: Tx, scope: Scope, email: string, userId: string): Promise<void> {
  await tx.insertInto("user_logins").values({ email, tenant_id: scope.tenantId, user_id: userId }).execute();
}
