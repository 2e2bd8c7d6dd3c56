import type { Command } from "commander";
import { cliAction } from "../platform/cli-support.ts";

/** Registers serve, demo, migrate, user, token, audit and keys commands. */
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
}

function registerAdminCommands(program: Command): void {
  const user = program.command("user").description("Manage users");
  user
    .command("create")
    .description("Create a user; the password is read from HEMISPHERE_PASSWORD or generated and printed once")
    .requiredOption("--nation <ISO3>", "the user's nation, or REG")
    .requiredOption("--email <address>", "sign-in e-mail address")
    .requiredOption("--name <name>", "display name")
    .requiredOption("--role <roles>", "comma-separated roles, e.g. registrar,caseworker")
    .option("--office <id>", "office id for office-scoped roles")
    .action(
      cliAction(
        async (options: { nation: string; email: string; name: string; role: string; office?: string }) => {
          const { createUserCommand } = await import("./admin-commands.ts");
          await createUserCommand(options);
        },
      ),
    );
  const token = program.command("token").description("Manage API tokens");
  token
    .command("create")
    .description("Issue an API token for a user; the token is printed once")
    .requiredOption("--nation <ISO3>", "the user's nation, or REG")
    .requiredOption("--email <address>", "the user the token acts as")
    .requiredOption("--name <name>", "what the token is for")
    .option("--days <n>", "days until it expires (0 = never)", "90")
    .action(
      cliAction(async (options: { nation: string; email: string; name: string; days: string }) => {
        const { createTokenCommand } = await import("./admin-commands.ts");
        await createTokenCommand(options);
      }),
    );
  const audit = program.command("audit").description("Audit log");
  audit
    .command("verify")
    .description("Walk every nation's hash chain; name the first broken link (exit 1 when one is broken)")
    .action(
      cliAction(async () => {
        const { verifyAuditCommand } = await import("./admin-commands.ts");
        await verifyAuditCommand();
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
        const { rotateKeysCommand } = await import("./admin-commands.ts");
        await rotateKeysCommand(options);
      }),
    );
}
