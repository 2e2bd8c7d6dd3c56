import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { expect, test } from "vitest";
import { steeringHistory } from "../src/placement/placement.test-support.ts";
import { axeViolations, browserSuite, describeViolations, REPO_ROOT, signInAs } from "./browser-harness.ts";

const suite = browserSuite(); // the shared demo server: a demo run per nation and this year's pledges
const SLOW = { timeout: 60_000 };

// A screenshot of the page only on request: `HEMISPHERE_SCREENSHOTS=1 npm run test:e2e`.
async function screenshotIfAsked(page: Page, name: string): Promise<void> {
  if (process.env.HEMISPHERE_SCREENSHOTS !== "1") return;
  const dir = join(REPO_ROOT, "docs/screenshots");
  await mkdir(dir, { recursive: true });
  await page.screenshot({ path: join(dir, name), fullPage: true });
}

test("a pathway officer runs the demo batch, reads totals against pledges, explains a case and overrides it", async () => {
  const page = await suite.newPage();
  await signInAs(page, "pathway_officer", "USA");
  await page.locator("nav.capability-nav").getByRole("link", { name: "Placement" }).click();
  await page.getByRole("heading", { level: 1, name: "Placement" }).waitFor();

  await page.getByLabel("Families").fill("80");
  await page.getByRole("button", { name: "Run the demo batch" }).click();
  await page.getByRole("heading", { level: 2, name: /^Result: Demo batch \d{4}-/ }).waitFor(SLOW);
  await page.getByRole("img", { name: /^Map of the Americas: persons placed per nation/ }).waitFor();

  const totals = page.getByRole("table", { name: /^Per nation: capacity offered in this run/ });
  const usa = totals.getByRole("row", { name: /^United States \(USA\)/ });
  await usa.waitFor();
  // The pathways demo pledges 125,000 places for the USA this year.
  expect(await usa.textContent()).toContain("125,000");
  expect(await totals.getByRole("row").count()).toBeGreaterThan(3);

  const cases = page.getByRole("table", { name: /^Cases 1–25 of 80/ });
  await cases.waitFor(SLOW);
  // The demo families state some ties and preferences: each row says what became of them.
  await cases.getByRole("columnheader", { name: "Tie or preference" }).waitFor();
  await expect
    .poll(() => cases.getByText(/^(relatives' place|preference): (honoured|full|not allowed)/).count(), SLOW)
    .toBeGreaterThan(0);
  const first = cases.getByRole("button", { name: /^Explain / }).first();
  const caseId = (await first.textContent()) ?? "";
  await first.click();
  await page.getByRole("heading", { level: 2, name: `Case ${caseId}` }).waitFor(SLOW);
  await expect.poll(() => page.getByText(/^(Recommended|Not placed)/).count()).toBeGreaterThan(0);

  const violations = await axeViolations(page);
  expect(violations, describeViolations(violations)).toEqual([]);

  const reason = "Family asked to stay with relatives nearby";
  const target = page.getByLabel("Move to");
  const options = await target.locator("option").allTextContents();
  // Another place with room when there is one; otherwise leave the family unplaced.
  await target.selectOption({ index: options.length > 1 ? 1 : 0 });
  await page.getByLabel("Reason").fill(reason);
  await page.getByRole("button", { name: "Record the override" }).click();
  await page.getByRole("heading", { level: 3, name: "Overrides" }).waitFor(SLOW);
  await page.getByText(new RegExp(`Reason: ${reason}$`)).waitFor();
  await page.getByText(/by override\.$/).waitFor();
  const row = cases.getByRole("row", { name: new RegExp(`^Explain ${caseId}\\b`) });
  await expect.poll(() => row.textContent(), SLOW).toContain("overridden");
  await screenshotIfAsked(page, "placement.png");
  const after = await axeViolations(page);
  expect(after, describeViolations(after)).toEqual([]);
}, 240_000);

test("an analyst reads the seeded demo run but may not run or override", async () => {
  const page = await suite.newPage();
  await signInAs(page, "analyst", "USA");
  await page.goto("/placement");
  const runs = page.getByLabel("Run", { exact: true });
  await runs.waitFor(SLOW);
  const seededRun = async () =>
    (await runs.locator("option").allTextContents()).find((o) => o.startsWith("Demo batch — "));
  await expect.poll(seededRun, SLOW).toBeDefined();
  const seeded = await seededRun();
  await runs.selectOption({ label: seeded ?? "" });
  await page.getByRole("heading", { level: 2, name: "Result: Demo batch" }).waitFor(SLOW);
  expect(await page.getByRole("button", { name: "Run the demo batch" }).count()).toBe(0);
  await page
    .getByRole("table", { name: /^Cases 1–25 of 150/ })
    .getByRole("button", { name: /^Explain / })
    .first()
    .click();
  await page.getByRole("heading", { level: 2, name: /^Case / }).waitFor(SLOW);
  expect(await page.getByRole("button", { name: "Record the override" }).count()).toBe(0);
}, 120_000);

test("a flagged outcome model is used only with a reason, and the run shows its fairness report", async () => {
  const dir = await mkdtemp(join(tmpdir(), "placement-fairness-"));
  const file = async (name: string, text: string) => {
    await writeFile(join(dir, name), text);
    return join(dir, name);
  };
  const cases = await file(
    "fair-cases.csv",
    "case_id,size,languages,specific_needs\nX,1,ar,woman_at_risk\nY,1,es,\n",
  );
  const places = await file(
    "fair-places.csv",
    "place_id,nation,capacity_persons,locality\nP1,USA,5,L1\nP2,USA,5,L2\n",
  );
  const history = await file("fair-history.csv", steeringHistory());

  const page = await suite.newPage();
  await signInAs(page, "pathway_officer", "USA");
  await page.goto("/placement");
  await page.getByRole("heading", { level: 1, name: "Placement" }).waitFor();
  await page.getByText("Upload CSV files").click();
  const upload = page.getByRole("form", { name: "Upload CSV files" });
  await upload.getByLabel("Cases file").setInputFiles(cases);
  await upload.getByLabel("Places file").setInputFiles(places);
  await upload.getByLabel("History file (past outcomes, instead of scores)").setInputFiles(history);
  await upload.getByRole("button", { name: "Run the uploaded batch" }).click();

  const flagged = page.getByRole("form", { name: "Flagged outcome model" });
  await flagged.getByText(/steers woman at risk away from places/).waitFor(SLOW);
  const run = flagged.getByRole("button", { name: "Run with the flagged model" });
  expect(await run.isDisabled()).toBe(true);
  await flagged.getByLabel("Reason to use the flagged model").fill("Reviewed with the protection unit");
  await run.click();

  await page.getByRole("heading", { level: 2, name: /^Result: fair-cases\.csv/ }).waitFor(SLOW);
  const report = page.getByRole("region", { name: "Fairness of the outcome model" });
  await report.getByText(/^Flagged: the model steers a needs group away/).waitFor();
  await report.getByText(/^woman at risk at L2: share/).waitFor();
  await report.getByText(/Reviewed with the protection unit$/).waitFor();
  const calibration = report.getByRole("table", { name: "Calibration by group on held-out history" });
  await calibration.getByRole("row", { name: /woman at risk/ }).waitFor();
  expect(await report.textContent()).not.toContain("woman_at_risk");
  const violations = await axeViolations(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}, 180_000);
