import { randomBytes } from "node:crypto";
import { recordAudit } from "../platform/audit/audit.ts";
import { verifyAuditChains } from "../platform/audit/audit-verify.ts";
import { Role } from "../platform/auth/auth.contract.ts";
import { systemScope } from "../platform/auth/scope.ts";
import { countByKey, reencryptAll } from "../platform/crypto/key-rotation.ts";
import { keyringFrom, loadKeyFile, newKeyFile, writeKeyFile } from "../platform/crypto/keyring.ts";
import { inScope } from "../platform/db/scoped.ts";
import { AppError } from "../platform/errors.ts";
import { startProgress } from "../platform/progress.ts";
import { withApplication } from "./with-application.ts";

function parseRoles(text: string): Role[] {
  return text.split(",").map((r) => {
    const parsed = Role.safeParse(r.trim());
    if (!parsed.success)
      throw new AppError(
        "BAD_INPUT",
        `--role: unknown role "${r.trim()}"; expected one of ${Role.options.join(", ")}`,
      );
    return parsed.data;
  });
}

function nationOf(text: string): string {
  const nation = text.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(nation))
    throw new AppError("BAD_INPUT", `--nation: expected an ISO 3166 alpha-3 code or REG, got "${text}"`);
  return nation;
}

/** `hemisphere user create`. */
export async function createUserCommand(options: {
  nation: string;
  email: string;
  name: string;
  role: string;
  office?: string;
}) {
  const nation = nationOf(options.nation);
  const roles = parseRoles(options.role);
  const given = process.env.HEMISPHERE_PASSWORD;
  const password = given ?? randomBytes(18).toString("base64url");
  await withApplication(async (app) => {
    const known = await app.platform.database.db
      .selectFrom("tenants")
      .select("id")
      .where("id", "=", nation)
      .executeTakeFirst();
    if (!known) throw new AppError("BAD_INPUT", `--nation: ${nation} is not a tenant`);
    const user = await app.platform.users.createUser(systemScope(nation, "user create"), {
      email: options.email,
      displayName: options.name,
      password,
      roles,
      officeId: options.office ?? null,
    });
    process.stdout.write(
      `created user ${user.id} (${user.email}) in ${nation} with roles ${roles.join(", ")}\n`,
    );
    if (!given) process.stdout.write(`password (shown once): ${password}\n`);
  });
}

/** `hemisphere token create`. */
export async function createTokenCommand(options: {
  nation: string;
  email: string;
  name: string;
  days: string;
}) {
  const nation = nationOf(options.nation);
  const days = Number(options.days);
  if (!Number.isInteger(days) || days < 0 || days > 3660)
    throw new AppError("BAD_INPUT", "--days: expected a whole number from 0 to 3660");
  await withApplication(async (app) => {
    const scope = systemScope(nation, "token create");
    const user = await inScope(app.platform.database.db, scope, (tx) =>
      tx
        .selectFrom("users")
        .select("id")
        .where("tenant_id", "=", nation)
        .where("email", "=", options.email.toLowerCase())
        .executeTakeFirst(),
    );
    if (!user) throw new AppError("BAD_INPUT", `--email: no user ${options.email} in ${nation}`);
    const expiresAt = days === 0 ? null : new Date(Date.now() + days * 86400_000);
    const token = await app.platform.users.createToken(scope, {
      userId: user.id,
      name: options.name,
      expiresAt,
    });
    process.stdout.write(`${token.token}\n`);
    process.stderr.write(
      `token ${token.id} for ${options.email}${expiresAt ? `, expires ${expiresAt.toISOString()}` : ", never expires"}; shown once\n`,
    );
  });
}

/** `hemisphere audit verify`: exit 1 when any chain is broken. */
export async function verifyAuditCommand() {
  await withApplication(async (app) => {
    const progress = startProgress({ label: "verifying audit events" });
    const reports = await verifyAuditChains(app.platform.database, () => progress.tick(0));
    progress.done();
    for (const r of reports) {
      const status = r.ok ? "ok" : `BROKEN at event ${r.brokenAt?.seq}: ${r.brokenAt?.reason}`;
      process.stdout.write(`${r.tenantId}: ${r.events} events, ${status}\n`);
    }
    const broken = reports.filter((r) => !r.ok);
    if (broken.length > 0)
      throw new AppError(
        "INTERNAL",
        `${broken.length} audit chain(s) broken: ${broken.map((r) => r.tenantId).join(", ")}`,
      );
    process.stdout.write(`all ${reports.length} chains verify\n`);
  });
}

/** `hemisphere keys rotate`: new key first (kept beside the old ones), then every value re-encrypted in batches. */
export async function rotateKeysCommand(options: { resume?: boolean; retire?: boolean }) {
  await withApplication(async (app) => {
    const { config } = app.platform;
    if (config.keysFromEnv)
      throw new AppError("BAD_INPUT", "keys come from HEMISPHERE_KEYS: rotate them where they are kept");
    const file = loadKeyFile({ keyFile: config.keyFile, create: false });
    if (!options.resume) {
      const fresh = newKeyFile();
      const id = fresh.current;
      writeKeyFile(config.keyFile, { ...file, current: id, keys: { ...file.keys, ...fresh.keys } });
      process.stderr.write(`new key ${id} is current; re-encrypting\n`);
    }
    const current = loadKeyFile({ keyFile: config.keyFile, create: false });
    const keyring = keyringFrom(current);
    const progress = startProgress({ label: "re-encrypting values" });
    const total = await reencryptAll(app.platform.database, keyring, app.encryptedColumns, (p) =>
      progress.tick(p.rewritten),
    );
    progress.done();
    const counts = await countByKey(app.platform.database, app.encryptedColumns);
    await inScope(app.platform.database.db, { tenantId: "REG" }, (tx) =>
      recordAudit(tx, systemScope("REG", "keys rotate"), {
        action: "keys.rotate",
        details: { key: keyring.currentId, rewritten: total },
      }),
    );
    if (options.retire) {
      const keep = Object.fromEntries(
        Object.entries(current.keys).filter(([id]) => id === current.current || (counts.get(id) ?? 0) > 0),
      );
      writeKeyFile(config.keyFile, { ...current, keys: keep });
    }
    process.stdout.write(`${total} values re-encrypted to key ${keyring.currentId}\n`);
  });
}
