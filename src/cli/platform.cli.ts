import type { Command } from "commander";
import { cliAction } from "../platform/cli-support.ts";

/** Registers serve, demo, migrate, retention, user, token, audit and keys commands. */
export function registerPlatformCommands(program: Command): void {
  program
    .command("serve")
    .description(
      "Serve the API and the web app (PORT, HEMISPHERE_DATA_DIR or DATABASE_URL from the environment)",
    )
    .option("--port <n>", "port to listen on (default: PORT or 8080)")
    .option("--host <address>", "address to listen on (default: HOST or 127.0.0.1)")
    .action(
      cliAction(async (options: { port?: string; host?: string }) => {
        const { runServer } = await import("./serve.ts");
        await runServer({ ...options, demo: false, skipData: true });
      }),
    );
  program
    .command("demo")
    .description("Seed the demo users and data, then serve (refused when NODE_ENV=production)")
    .option("--port <n>", "port to listen on (default: PORT or 8080)")
    .option("--host <address>", "address to listen on (default: HOST or 127.0.0.1)")
    .option("--skip-data", "seed users only, without the demo data sets")
    .action(
      cliAction(async (options: { port?: string; host?: string; skipData?: boolean }) => {
        const { runServer } = await import("./serve.ts");
        await runServer({ ...options, demo: true, skipData: Boolean(options.skipData) });
      }),
    );
  program
    .command("migrate")
    .description("Apply pending database migrations (also done at every start)")
    .action(
      cliAction(async () => {
        const { withApplication } = await import("./with-application.ts");
        await withApplication(async () => {
          process.stdout.write("database is up to date\n");
        });
      }),
    );
  registerAdminCommands(program);
  program
    .command("retention")
    .description("Retention periods per nation and record kind (set through the API by a nation_admin)")
    .command("run")
    .description(
      "Erase, in each nation (or one), the records that have outlived the nation's retention period, and print " +
        "counts per nation and kind; exit 1 when a nation could not be swept",
    )
    .option("--nation <ISO3>", "sweep one nation only")
    .option("--dry-run", "count what has expired; erase and record nothing")
    .action(
      cliAction(async (options: { nation?: string; dryRun?: boolean }) => {
        const { retentionRunCommand } = await import("./retention.command.ts");
        await retentionRunCommand(options);
      }),
    );
}

interface AccountCommandOptions {
  nation: string;
  email?: string;
  service?: string;
  name: string;
  role: string;
  office?: string;
}

interface TokenCommandOptions {
  nation: string;
  email?: string;
  service?: string;
  name: string;
  days: string;
}

function registerAdminCommands(program: Command): void {
  const user = program.command("user").description("Manage users and service accounts");
  user
    .command("create")
    .description(
      "Create a person (--email; password from HEMISPHERE_PASSWORD or generated and printed once) or a service account (--service; no password, tokens only); roles are checked for the tenant and for separation of duties",
    )
    .requiredOption("--nation <ISO3>", "the user's nation, or REG")
    .option("--email <address>", "a person's sign-in e-mail address")
    .option("--service <name>", "a service account's name, e.g. flows-import")
    .requiredOption("--name <name>", "display name")
    .requiredOption("--role <roles>", "comma-separated roles, e.g. registrar,caseworker")
    .option("--office <id>", "office id for office-scoped roles")
    .action(
      cliAction(async (options: AccountCommandOptions) => {
        const { createUserCommand } = await import("./admin.command.ts");
        await createUserCommand(options);
      }),
    );
  const token = program.command("token").description("Manage API tokens");
  token
    .command("create")
    .description(
      "Issue an API token, printed once: for a service account (--service), or for a person (--email) who gives their own password in HEMISPHERE_PASSWORD",
    )
    .requiredOption("--nation <ISO3>", "the holder's nation, or REG")
    .option("--email <address>", "the person the token acts as (they prove it with their password)")
    .option("--service <name>", "the service account the token acts as")
    .requiredOption("--name <name>", "what the token is for")
    .option("--days <n>", "days until it expires (0 = never)", "90")
    .action(
      cliAction(async (options: TokenCommandOptions) => {
        const { createTokenCommand } = await import("./admin.command.ts");
        await createTokenCommand(options);
      }),
    );
  const audit = program.command("audit").description("Audit log");
  audit
    .command("verify")
    .description(
      "Sequence pending events, then verify every nation's audit log: leaves, batch roots and head links; " +
        "print every broken link (exit 1 when one is broken)",
    )
    .option("--no-integrate", "do not sequence pending events first; verify them as leaves and count them")
    .action(
      cliAction(async (options: { integrate: boolean }) => {
        const { verifyAuditCommand } = await import("./admin.command.ts");
        await verifyAuditCommand(options);
      }),
    );
  const keys = program.command("keys").description("Field-encryption keys");
  keys
    .command("rotate")
    .description(
      "Add a new key, make it current, and re-encrypt every value; safe to re-run after an interruption",
    )
    .option("--resume", "do not add a key; finish re-encrypting to the current one")
    .option("--retire", "afterwards, drop keys no value uses any more")
    .action(
      cliAction(async (options: { resume?: boolean; retire?: boolean }) => {
        const { rotateKeysCommand } = await import("./admin.command.ts");
        await rotateKeysCommand(options);
      }),
    );
}
