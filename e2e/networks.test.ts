import { readFile } from "node:fs/promises";
import { expect, test } from "vitest";
import { networksDemoData } from "../src/networks/index.ts";
import { axeViolations, browserSuite, describeViolations, signInAs } from "./harness.ts";

const suite = browserSuite(); // the shared demo server, with the demo networks loaded for the USA

test("an investigator finds a planted ring from one phone number, sees why its key actors are key, and exports the file", async () => {
  const { ringPhone } = networksDemoData();
  // Typed the way a caller would say it, not in E.164: the server normalises.
  const spoken = `${ringPhone.slice(0, 4)} ${ringPhone.slice(4, 8)} ${ringPhone.slice(8)}`;
  const page = await suite.newPage();
  await signInAs(page, "investigator", "USA");
  await page.getByRole("link", { name: "Networks" }).click();
  await page.getByRole("heading", { level: 1, name: "Networks" }).waitFor();
  await page.getByLabel("Identifier (any spelling)").fill(spoken);
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByRole("img", { name: `Network graph around ${ringPhone}` }).waitFor();
  const keyActors = page.getByRole("table", { name: /^Key actors of community/ });
  await keyActors.waitFor({ timeout: 90_000 });
  await expect.poll(() => page.getByText("flagged for review").count()).toBeGreaterThan(0);
  const reasons = (await keyActors.textContent()) ?? "";
  expect(reasons).toMatch(/highest PageRank in community/);
  expect(reasons).toMatch(/shared by \d+ people across \d+ cases|uses \d+ alias/);
  await page.getByRole("table", { name: "Timeline of links" }).waitFor();
  const violations = await axeViolations(page);
  expect(violations, describeViolations(violations)).toEqual([]);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Export case file (HTML)" }).click(),
  ]);
  const file = await readFile(await download.path(), "utf8");
  expect(file).toContain(`Case file: network around phone ${ringPhone}`);
  expect(file).toContain("Key actors");
  expect(file).toMatch(/highest PageRank in community/);
}, 180_000);

test("the flagged communities list names key actors with reasons, and a key actor opens its network", async () => {
  const page = await suite.newPage();
  await signInAs(page, "investigator", "USA");
  await page.goto("/networks");
  await page.getByRole("tab", { name: "Communities" }).click();
  await page.getByRole("heading", { level: 2, name: "Flagged communities" }).waitFor({ timeout: 90_000 });
  const first = page.getByRole("table", { name: /^Key actors of community C1$/ });
  await first.waitFor();
  await first.getByRole("button").first().click();
  await page.getByRole("img", { name: /^Network graph around/ }).waitFor();
  const violations = await axeViolations(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}, 180_000);
