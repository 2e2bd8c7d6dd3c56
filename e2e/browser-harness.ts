import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Result as AxeViolation, ImpactValue } from "axe-core";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject } from "vitest";
import { solveChallenge } from "../src/pathways/bot-check.codec.ts";
import type { Role } from "../src/platform/auth/auth.contract.ts";

/** The repository root; the server and the web build are found from here. */
export const REPO_ROOT = fileURLToPath(new URL("..", import.meta.url));
/** Password of every demo account (demo mode only). */
export const DEMO_PASSWORD = "hemisphere-demo";

const READY_TIMEOUT_MS = 90_000;
const STOP_GRACE_MS = 10_000;
const CHROMIUM_PATH = "/usr/bin/chromium";
// Debian's chromium, never a downloaded browser; flags keep it quiet and off the network.
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Email of the seeded demo user with `role` in `nation`, e.g. `analyst@usa.demo`. */
export function demoEmail(role: Role, nation: string): string {
  return `${role}@${nation.toLowerCase()}.demo`;
}

/** A server started for one test file. */
export interface RunningServer {
  baseUrl: string;
  dataDir: string;
  /** Everything the server printed so far, for failure messages. */
  output: () => string;
  stop: () => Promise<void>;
}

export interface StartServerOptions {
  /** Script to run instead of `bin/hemisphere` (its first arguments stay `demo --port N --skip-data`). */
  bin?: string;
  env?: Record<string, string>;
  readyTimeoutMs?: number;
  /** Load the demo data sets too (slower start); by default only the demo users are seeded. */
  withData?: boolean;
}

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error("no free port"))));
    });
  });
}

/** Builds `web/dist` once if it is missing (`npm run test:e2e` builds it before the tests). */
export function ensureWebBuilt(): void {
  if (existsSync(join(REPO_ROOT, "web/dist/index.html"))) return;
  const vite = join(REPO_ROOT, "node_modules/.bin/vite");
  const built = spawnSync(vite, ["build", "--config", "web/vite.config.ts"], {
    cwd: REPO_ROOT,
    encoding: "utf8",
  });
  if (built.status !== 0) throw new Error(`web build failed:\n${built.stdout}\n${built.stderr}`);
}

/** Starts `hemisphere demo` on a free port with a fresh data directory, resolving once `/readyz` answers 200. */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  ensureWebBuilt();
  const port = await freePort();
  const dataDir = await mkdtemp(join(tmpdir(), "hemisphere-e2e-"));
  const bin = options.bin ?? join(REPO_ROOT, "bin/hemisphere");
  const args = [bin, "demo", "--port", String(port), ...(options.withData ? [] : ["--skip-data"])];
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      NODE_ENV: "test",
      HEMISPHERE_DATA_DIR: dataDir,
      PORT: String(port),
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // its own process group, so stopping it also stops anything it started
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const killOnExit = () => killGroup(child, "SIGKILL");
  process.once("exit", killOnExit);
  let stopping = false;
  // A server that dies under the tests takes every later test with it: say so once, with what it printed.
  child.once("exit", (code, signal) => {
    if (!stopping)
      process.stderr.write(`\nthe test server exited (${code ?? signal}) under the tests:\n${output}\n`);
  });

  const server: RunningServer = {
    baseUrl: `http://127.0.0.1:${port}`,
    dataDir,
    output: () => output,
    stop: async () => {
      stopping = true;
      process.off("exit", killOnExit);
      await stopChild(child);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  try {
    await waitUntilReady(server, child, options.readyTimeoutMs ?? READY_TIMEOUT_MS);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

async function waitUntilReady(server: RunningServer, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `server exited (${child.exitCode ?? child.signalCode}) before ready:\n${server.output()}`,
      );
    }
    const status = await fetch(`${server.baseUrl}/readyz`, { signal: AbortSignal.timeout(2_000) })
      .then((response) => response.status)
      .catch(() => 0);
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`server not ready within ${timeoutMs} ms:\n${server.output()}`);
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

// SIGTERM first so the server can release its data-directory lock; SIGKILL if it does not leave in time.
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  killGroup(child, "SIGTERM");
  const timer = setTimeout(() => killGroup(child, "SIGKILL"), STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
}

/** Debian's chromium through playwright-core, headless. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** A page in a fresh context (own cookies and storage), English, 1280×800, addresses relative to `baseUrl`. */
export async function newPage(browser: Browser, baseUrl: string, locale = "en-US"): Promise<Page> {
  const context: BrowserContext = await browser.newContext({
    baseURL: baseUrl,
    locale,
    viewport: { width: 1280, height: 800 },
    bypassCSP: true, // lets axe-core be injected whatever the server's Content-Security-Policy says
  });
  return context.newPage();
}

/** Signs in through the form (language-independent selectors) and waits for the shell. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/");
  await page.locator("#sign-in-email").fill(email);
  await page.locator("#sign-in-password").fill(password);
  await page.locator("form button[type=submit]").click();
  await page.locator("nav.capability-nav").waitFor();
}

/** Signs in as the seeded demo user with `role` in `nation` (demo mode). */
export async function signInAs(page: Page, role: Role, nation: string): Promise<void> {
  await signIn(page, demoEmail(role, nation));
}

let axeSource: string | undefined;

/** Runs axe-core on the page as it is now; returns violations at the given impacts (serious and critical by default). */
export async function axeViolations(
  page: Page,
  impacts: ImpactValue[] = ["serious", "critical"],
): Promise<AxeViolation[]> {
  axeSource ??= await readFile(join(REPO_ROOT, "node_modules/axe-core/axe.min.js"), "utf8");
  // The callbacks run in the page; they reach the page's globals through globalThis (no DOM types here).
  if (!(await page.evaluate(() => "axe" in globalThis))) await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: typeof import("axe-core") }).axe;
    const results = await axe.run({ resultTypes: ["violations"] });
    return results.violations;
  });
  return violations.filter((violation) => impacts.includes(violation.impact ?? null));
}

/** One line per violation and element, readable in a failed assertion. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations
    .flatMap((v) => v.nodes.map((node) => `${v.impact} ${v.id}: ${v.help} at ${node.target.join(" ")}`))
    .join("\n");
}

/** Fails the test with every serious or critical accessibility violation on the page as it is now. */
export async function expectAccessible(page: Page): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}

/** Searches the registry page by name and opens the first person found, waiting for their record. */
export async function openRegistryPerson(page: Page, given: string, surname: string): Promise<void> {
  await page.goto("/registry");
  await page.getByLabel("Given names").fill(given);
  await page.getByLabel("Surnames").fill(surname);
  await page.getByRole("button", { name: "Search" }).click();
  const link = page.getByRole("table").getByRole("link").first();
  await link.waitFor();
  await link.click();
  await page.getByRole("heading", { level: 2 }).waitFor();
}

/** A server and a browser for the test file: started before its tests, stopped after. */
export interface BrowserSuite {
  readonly server: RunningServer;
  readonly browser: Browser;
  /** A fresh page (own cookies) on the suite's server. */
  newPage: (locale?: string) => Promise<Page>;
}

/**
 * Registers beforeAll/afterAll hooks that give the calling test file chromium and a server: the demo server the
 * e2e run shares (started once with the demo data, see e2e/global-setup.ts), or, with options, one of its own.
 */
export function browserSuite(options?: StartServerOptions): BrowserSuite {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    const shared = options ? undefined : inject("e2eServer");
    server = shared ? { ...shared, output: () => "", stop: async () => {} } : await startServer(options);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not started (use it inside a test)`);
    return value;
  };
  return {
    get server() {
      return started(server, "server");
    },
    get browser() {
      return started(browser, "browser");
    },
    newPage: (locale) => newPage(started(browser, "browser"), started(server, "server").baseUrl, locale),
  };
}

/** The id of the element that has the focus. */
export function focusedId(page: Page): Promise<string | undefined> {
  return page.evaluate(
    () =>
      (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement
        ?.id,
  );
}

/** Calls the API as the page's signed-in user (its cookie and CSRF token). */
export async function apiOf(page: Page) {
  const { csrfToken } = (await (await page.request.get("/api/v1/auth/me")).json()) as { csrfToken: string };
  return async (method: string, path: string, body?: unknown) => {
    const res = await page.request.fetch(`/api/v1${path}`, {
      method,
      headers: { "x-csrf-token": csrfToken },
      ...(body === undefined ? {} : { data: body }),
    });
    const text = await res.text();
    return { status: res.status(), text, body: text ? (JSON.parse(text) as unknown) : null };
  };
}

/** The API as a signed-in page calls it (`apiOf`). */
export type PageApi = Awaited<ReturnType<typeof apiOf>>;

/**
 * Saves and publishes a pathway made up for a test (as a pathway officer's `api`), and files an application on it
 * through the portal's API with the bot check solved as the portal's page solves it. `application` is the apply
 * body without its proof; returns the tracking code and the secret.
 */
export async function fileOnTestPathway(
  api: PageApi,
  pathwayId: string,
  definition: Record<string, unknown>,
  application: Record<string, unknown>,
  effectiveFrom = "2020-01-01",
): Promise<{ trackingCode: string; secret: string }> {
  const saved = await api("PUT", `/pathways/catalog/${pathwayId}`, { definition, effectiveFrom });
  expect(saved.status, saved.text).toBe(200);
  const published = await api("POST", `/pathways/catalog/${pathwayId}/publication`, { published: true });
  expect(published.status, published.text).toBe(200);
  const challenge = (await api("POST", "/portal/challenge")).body as { token: string; difficulty: number };
  const filed = await api("POST", "/portal/applications", {
    ...application,
    pathwayId,
    proof: { token: challenge.token, nonce: solveChallenge(challenge.token, challenge.difficulty) },
  });
  expect(filed.status, filed.text).toBe(200);
  return filed.body as { trackingCode: string; secret: string };
}

/**
 * Opens the newest application of the pathways queue still at the stage labelled `submitted` (the queue filtered
 * by that stage, newest first); returns its code.
 */
export async function openSubmittedApplication(page: Page, submitted: string): Promise<string> {
  await page.goto("/pathways");
  await page.locator("#queue-stage").selectOption("submitted");
  await page.locator("#queue-sort").selectOption("newest");
  const filtered = page.waitForResponse(
    (r) => r.url().includes("/pathways/applications?") && r.url().includes("stage=submitted"),
  );
  await page.locator("form.worklist-filters").first().locator("button[type=submit]").click();
  await filtered;
  const queue = page.getByRole("table").first();
  const rows = queue
    .getByRole("row")
    .filter({ has: page.getByRole("cell", { name: submitted, exact: true }) });
  await rows.first().waitFor();
  const button = rows.first().getByRole("button");
  const code = (await button.textContent()) ?? "";
  await button.click();
  await page.locator("#application-title").filter({ hasText: code }).waitFor();
  return code;
}
