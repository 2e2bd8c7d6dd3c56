// Takes the screenshots in docs/screenshots/ from a fresh demo server: each page as one role sees it, in the
// language an officer of that nation would use, with Debian's chromium. Run with `npm run screenshots` after
// `npm run build:web`; it replaces the files it names and leaves the others alone.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Page } from "playwright-core";
import { createTarget, spawnServing } from "./server-process.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const OUT = path.join(ROOT, "docs", "screenshots");
const CHROMIUM = "/usr/bin/chromium";
const PASSWORD = "hemisphere-demo";

interface Shot {
  file: string;
  who: { role: string; nation: string };
  language: string;
  viewport?: { width: number; height: number };
  /** Brings the page to the state shown. */
  go: (page: Page) => Promise<void>;
}

async function signIn(page: Page, role: string, nation: string, language: string): Promise<void> {
  await page.goto("/");
  await page.locator("#sign-in-email").fill(`${role}@${nation.toLowerCase()}.demo`);
  await page.locator("#sign-in-password").fill(PASSWORD);
  await page.locator("form button[type=submit]").click();
  await page.locator("nav.capability-nav").waitFor();
  await page.getByLabel("Language", { exact: true }).selectOption(language);
}

const settle = (page: Page) => page.waitForLoadState("networkidle");

const SHOTS: Shot[] = [
  {
    file: "overview-en.png",
    who: { role: "analyst", nation: "USA" },
    language: "en",
    go: async (page) => {
      await page.goto("/");
      await settle(page);
    },
  },
  {
    file: "flows-en.png",
    who: { role: "analyst", nation: "USA" },
    language: "en",
    go: async (page) => {
      await page.goto("/flows");
      await page.locator("canvas").first().waitFor();
      await settle(page);
    },
  },
  {
    file: "pathways-decision-pt.png",
    who: { role: "pathway_officer", nation: "USA" },
    language: "pt",
    go: async (page) => {
      await page.goto("/pathways");
      const rows = page
        .getByRole("table")
        .first()
        .getByRole("row")
        .filter({ has: page.getByRole("cell", { name: "enviado", exact: true }) });
      await rows.first().getByRole("button").click();
      await page.getByTestId("application-answers").waitFor();
      await page.locator("#stage-reason").fill("documentos verificados na entrevista");
      await page.getByRole("button", { name: "Aprovar", exact: true }).click();
      await page.locator("#stage-confirm-title").scrollIntoViewIfNeeded();
      await settle(page);
    },
  },
  {
    file: "border-decision-en.png",
    who: { role: "border_officer", nation: "USA" },
    language: "en",
    go: async (page) => {
      await page.goto("/border");
      await page.getByRole("tab", { name: "Record an encounter" }).click();
      await page.getByLabel("Date", { exact: true }).fill("2021-06-01");
      await page.getByLabel("Citizenship (ISO3)").fill("MEX");
      await page.getByLabel("Expresses fear of return").check();
      await page.getByRole("button", { name: "Record encounter" }).click();
      await page.getByLabel("Disposition").waitFor();
      await page.getByLabel("Disposition").scrollIntoViewIfNeeded();
      await settle(page);
    },
  },
  {
    file: "users-refusal-es.png",
    who: { role: "nation_admin", nation: "COL" },
    language: "es",
    go: async (page) => {
      await page.goto("/users");
      await page.getByLabel("Correo electrónico", { exact: true }).fill("doble.funcion@col.example");
      await page.getByLabel("Nombre", { exact: true }).fill("Doble Función");
      const roles = page.getByRole("group", { name: "Roles", exact: true });
      await roles.getByLabel("Oficial de frontera").check();
      await roles.getByLabel("Administrador nacional").check();
      await page.getByRole("button", { name: "Crear usuario" }).click();
      await page.getByRole("alert").filter({ hasText: "no pueden recaer" }).waitFor();
      await page.getByRole("alert").filter({ hasText: "no pueden recaer" }).scrollIntoViewIfNeeded();
    },
  },
  {
    file: "networks-fr.png",
    who: { role: "investigator", nation: "USA" },
    language: "fr",
    go: async (page) => {
      await page.goto("/networks");
      await settle(page);
    },
  },
  {
    file: "audit-en.png",
    who: { role: "auditor", nation: "MEX" },
    language: "en",
    go: async (page) => {
      await page.goto("/audit");
      await settle(page);
    },
  },
];

async function main(): Promise<void> {
  fs.mkdirSync(OUT, { recursive: true });
  const target = await createTarget(undefined, "screenshots");
  const server = await spawnServing(
    [path.join(ROOT, "bin", "hemisphere"), "demo", "--port", "0"],
    target.env,
  );
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--headless", "--no-sandbox"] });
  try {
    for (const [index, shot] of SHOTS.entries()) {
      const context = await browser.newContext({
        baseURL: server.url,
        viewport: shot.viewport ?? { width: 1280, height: 860 },
      });
      const page = await context.newPage();
      await signIn(page, shot.who.role, shot.who.nation, shot.language);
      await shot.go(page);
      await page.screenshot({ path: path.join(OUT, shot.file) });
      console.log(`${index + 1}/${SHOTS.length} ${shot.file}`);
      await context.close();
    }
  } finally {
    await browser.close();
    await server.stop("SIGTERM");
    await target.cleanup();
  }
}

await main();
