import { readFile } from "node:fs/promises";
import { expect, test } from "vitest";
import { DEMO_PROTECTED_CASE, networksDemoData } from "../src/networks/index.ts";
import { axeViolations, browserSuite, describeViolations, signInAs } from "./browser-harness.ts";

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
  // The ring's clients and victims are listed apart, in the workspace and in the file, never as key actors.
  const clients = page.getByRole("region", { name: /^Clients \(\d+\)$/ });
  await clients.waitFor();
  expect(await clients.getByRole("button").count()).toBeGreaterThan(0);
  await page.getByRole("region", { name: /^Victims \(\d+\)$/ }).waitFor();
  expect(await keyActors.getByText(/^(Client|Victim)$/).count()).toBe(0);
  expect(file).toMatch(/<section id="clients"><h2>Clients<\/h2>\s*<table>/);
  expect(file).toContain('<section id="victims"><h2>Victims</h2>');
}, 180_000);

test("an investigator sets the role of an entity, and the workspace shows it", async () => {
  const { ringPhone } = networksDemoData();
  const page = await suite.newPage();
  await signInAs(page, "investigator", "USA");
  await page.goto("/networks");
  await page.getByLabel("Identifier (any spelling)").fill(ringPhone);
  await page.getByRole("button", { name: "Search" }).click();
  const form = page.getByRole("form", { name: "Set the role of this entity" });
  await form.waitFor();
  // The ring's phone: marking it a suspect changes no ranking (suspects and unknowns are ranked alike).
  await form.getByLabel("Role").selectOption("suspect");
  const set = form.getByRole("button", { name: "Set role" });
  if (await set.isEnabled()) await set.click();
  await page.getByText("Role in the investigation: Suspect").waitFor();
  const violations = await axeViolations(page);
  expect(violations, describeViolations(violations)).toEqual([]);
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

test("the wall: a protected record shows only as a marker until the protection side approves a legal basis", async () => {
  const { ringPhone } = networksDemoData();
  const { caseRef, person, ownPhone } = DEMO_PROTECTED_CASE;
  const ownE164 = ownPhone.replace(/ /g, "");
  const reference = `Order 88/${Date.now() % 100_000}`;
  const investigator = await suite.newPage();
  await signInAs(investigator, "investigator", "USA");
  await investigator.goto("/networks");
  await investigator.getByLabel("Identifier (any spelling)").fill(ringPhone);
  await investigator.getByRole("button", { name: "Search" }).click();
  await investigator.getByRole("heading", { name: "Protected records linked to this entity (1)" }).waitFor();
  await investigator.getByText("Protected — legal basis required.").waitFor();
  // Nothing of the victim reaches the page before approval: not her case, her name, her phone, nor the reason.
  const before = await investigator.content();
  for (const secret of [caseRef, person, ownE164, "victim of trafficking"])
    expect(before).not.toContain(secret);
  await investigator.getByRole("button", { name: "Request access with a legal basis" }).click();
  await investigator.getByLabel("Kind of legal basis").selectOption("court_order");
  await investigator.getByLabel("Reference (court order or warrant number)").fill(reference);
  await investigator.getByLabel("Purpose").fill("Identify who recruited the victim into the ring.");
  let violations = await axeViolations(investigator);
  expect(violations, describeViolations(violations)).toEqual([]);
  await investigator.getByRole("button", { name: "Send request" }).click();
  await investigator.getByText(`Request pending: Court order ${reference}.`).waitFor();
  expect(await investigator.content()).not.toContain(caseRef);

  const protection = await suite.newPage();
  await signInAs(protection, "protection_officer", "USA");
  await protection.goto("/networks");
  await protection.getByRole("heading", { level: 2, name: "Legal bases awaiting a decision" }).waitFor();
  const card = protection.getByRole("article").filter({ hasText: reference });
  await card.getByRole("heading", { name: `Request to see case ${caseRef}` }).waitFor();
  await card.getByLabel("Reason for the decision").fill("Court order verified with the court registry.");
  violations = await axeViolations(protection);
  expect(violations, describeViolations(violations)).toEqual([]);
  await card.getByRole("button", { name: "Approve" }).click();
  await protection.getByText(`Approved: case ${caseRef} is open to investigators.`).waitFor();

  await investigator.getByRole("tab", { name: "Legal bases" }).click();
  const bases = investigator.getByRole("table", { name: "Legal bases and where they stand" });
  const row = bases.getByRole("row").filter({ hasText: reference });
  await row.getByText("Approved").waitFor();
  await row.getByRole("button", { name: `View record ${caseRef}` }).click();
  const links = investigator.getByRole("table", { name: `Links of protected record ${caseRef}` });
  await links.waitFor();
  const record = (await links.textContent()) ?? "";
  expect(record).toContain(ownE164);
  expect(record).toContain(ringPhone);
  violations = await axeViolations(investigator);
  expect(violations, describeViolations(violations)).toEqual([]);

  // The view is in the nation's audit chain, with who looked and which record.
  const auditor = await suite.newPage();
  await signInAs(auditor, "auditor", "USA");
  const answer = await auditor.request.get("/api/v1/audit/events?action=network.protection_record.view");
  const { events } = (await answer.json()) as {
    events: { actorLabel: string; details: { caseRef?: string } }[];
  };
  expect(events.some((e) => e.actorLabel === "investigator@usa.demo" && e.details.caseRef === caseRef)).toBe(
    true,
  );
}, 240_000);
