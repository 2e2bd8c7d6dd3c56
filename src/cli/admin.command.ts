import { randomBytes } from "node:crypto";
import { recordAudit } from "../platform/audit/audit.ts";
import { verifyAuditChains } from "../platform/audit/audit-verify.ts";
import { Role } from "../platform/auth/auth.contract.ts";
import { verifyPassword } from "../platform/auth/passwords.ts";
import { systemScope } from "../platform/auth/scope.ts";
import { serviceLogin } from "../platform/auth/service-accounts.service.ts";
import { ServiceAccountName } from "../platform/auth/users.contract.ts";
import { countByKey, reencryptAll } from "../platform/crypto/key-rotation.ts";
import { keyringFrom, loadKeyFile, newKeyFile, writeKeyFile } from "../platform/crypto/keyring.ts";
import { inScope } from "../platform/db/scoped.ts";
import { AppError } from "../platform/errors.ts";
import type { Platform } from "../platform/platform.ts";
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

async function knownTenant(platform: Platform, text: string): Promise<string> {
  const nation = nationOf(text);
  if (!(await platform.nations.isTenant(nation)))
    throw new AppError("BAD_INPUT", `--nation: ${nation} is not a tenant`);
  return nation;
}

/** Exactly one of --email (a person) or --service (a service account) names who the command is about. */
function holderOf(options: { email?: string | undefined; service?: string | undefined }) {
  if (options.email && options.service)
    throw new AppError("BAD_INPUT", "give --email for a person or --service for a service account, not both");
  if (options.service) {
    const name = ServiceAccountName.safeParse(options.service);
    if (!name.success) throw new AppError("BAD_INPUT", `--service: ${name.error.issues[0]?.message}`);
    return { kind: "service" as const, login: serviceLogin(name.data), name: name.data };
  }
  if (!options.email)
    throw new AppError("BAD_INPUT", "give --email for a person or --service for a service account");
  return { kind: "person" as const, login: options.email.trim().toLowerCase(), name: options.email };
}

export interface AccountOptions {
  nation: string;
  email?: string | undefined;
  service?: string | undefined;
  name: string;
  role: string;
  office?: string | undefined;
}

/**
 * Creates a person (with a password) or a service account (none) under the rules the API applies: roles for
 * the tenant, separation of duties. Personal-data grants to a service account are left to a nation_admin
 * through the API, where the grant carries their name and reason.
 */
export async function createAccount(platform: Platform, options: AccountOptions, password: string) {
  const nation = await knownTenant(platform, options.nation);
  const holder = holderOf(options);
  const roles = parseRoles(options.role);
  const scope = systemScope(nation, "user create");
  if (holder.kind === "service")
    return platform.users.createServiceAccount(scope, {
      name: holder.name,
      displayName: options.name,
      roles,
    });
  return platform.users.createUser(scope, {
    email: holder.login,
    displayName: options.name,
    password,
    roles,
    officeId: options.office ?? null,
  });
}

/** `hemisphere user create`. */
export async function createUserCommand(options: AccountOptions) {
  const given = process.env.HEMISPHERE_PASSWORD;
  const password = given ?? randomBytes(18).toString("base64url");
  await withApplication(async (app) => {
    const user = await createAccount(app.platform, options, password);
    process.stdout.write(
      `created ${user.kind === "service" ? "service account" : "user"} ${user.id} (${user.email}) in ${nationOf(options.nation)} with roles ${user.roles.join(", ")}\n`,
    );
    if (user.kind === "person" && !given) process.stdout.write(`password (shown once): ${password}\n`);
  });
}

export interface TokenOptions {
  nation: string;
  email?: string | undefined;
  service?: string | undefined;
  name: string;
  days: string;
}

/**
 * Issues an API token from the machine. A token acts as its holder and the audit log names them, so an
 * operator issues one for a service account, or for a person who proves it is them with their own password
 * (`password`, from HEMISPHERE_PASSWORD); never for a person on the operator's word alone.
 */
export async function issueToken(platform: Platform, options: TokenOptions, password: string | undefined) {
  const nation = await knownTenant(platform, options.nation);
  const holder = holderOf(options);
  const days = Number(options.days);
  if (!/^\d+$/.test(options.days.trim()) || days > 3660)
    throw new AppError("BAD_INPUT", "--days: expected a whole number from 0 to 3660");
  const scope = systemScope(nation, "token create");
  const user = await platform.users.findTokenHolder(scope, holder.login);
  const flag = holder.kind === "service" ? "--service" : "--email";
  if (!user || user.kind !== holder.kind)
    throw new AppError(
      "BAD_INPUT",
      `${flag}: no ${holder.kind === "service" ? "service account" : "user"} ${holder.name} in ${nation}`,
    );
  if (user.disabled) throw new AppError("BAD_INPUT", `${flag}: ${holder.name} is disabled`);
  if (holder.kind === "person") await provePerson(holder.name, user.password_hash, password);
  const expiresAt = days === 0 ? null : new Date(Date.now() + days * 86400_000);
  const token = await platform.users.createToken(scope, { userId: user.id, name: options.name, expiresAt });
  return { ...token, holder: holder.login };
}

async function provePerson(email: string, stored: string | null, password: string | undefined) {
  if (password === undefined)
    throw new AppError(
      "BAD_INPUT",
      `a token for ${email} acts as them: they issue it themselves, with their password in HEMISPHERE_PASSWORD`,
    );
  if (!stored || !(await verifyPassword(password, stored)))
    throw new AppError("UNAUTHENTICATED", `the password of ${email} is wrong (or they have none)`);
}

/** `hemisphere token create`. */
export async function createTokenCommand(options: TokenOptions) {
  await withApplication(async (app) => {
    const token = await issueToken(app.platform, options, process.env.HEMISPHERE_PASSWORD);
    process.stdout.write(`${token.token}\n`);
    process.stderr.write(
      `token ${token.id} for ${token.holder}${token.expiresAt ? `, expires ${token.expiresAt.toISOString()}` : ", never expires"}; shown once\n`,
    );
  });
}

/**
 * `hemisphere audit verify`: sequences pending events (unless `integrate` is false), then verifies every
 * nation's log and prints every broken link as it is found; exit 1 when any is broken.
 */
export async function verifyAuditCommand(options: { integrate?: boolean } = {}) {
  await withApplication(async (app) => {
    const progress = startProgress({ label: "verifying audit events" });
    let seen = 0;
    const reports = await verifyAuditChains(app.platform.database, {
      integrate: options.integrate ?? true,
      onProgress: (events) => {
        progress.tick(events - seen);
        seen = events;
      },
      onBroken: (tenantId, link) => {
        const where = [
          link.seq === null ? undefined : `event ${link.seq}`,
          link.logIndex === null ? undefined : `position ${link.logIndex}`,
          link.batch === null ? undefined : `batch ${link.batch}`,
        ].filter(Boolean);
        process.stdout.write(`${tenantId}: BROKEN at ${where.join(", ") || "the head"}: ${link.reason}\n`);
      },
    });
    progress.done();
    for (const r of reports) {
      const status = r.ok ? "ok" : `${r.brokenCount} broken link(s)`;
      const pending = r.pending > 0 ? `, ${r.pending} pending` : "";
      process.stdout.write(
        `${r.tenantId}: ${r.events} events in ${r.batches} batches${pending}, ${status}, head ${r.head}\n`,
      );
    }
    const broken = reports.filter((r) => !r.ok);
    if (broken.length > 0)
      throw new AppError(
        "INTERNAL",
        `${broken.length} audit log(s) broken: ${broken.map((r) => `${r.tenantId} (${r.brokenCount})`).join(", ")}`,
      );
    process.stdout.write(`all ${reports.length} logs verify\n`);
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
