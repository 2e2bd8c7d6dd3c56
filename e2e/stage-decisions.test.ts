import { expect, test } from "vitest";
import {
  browserSuite,
  expectAccessible,
  focusedId,
  openSubmittedApplication,
  signInAs,
} from "./browser-harness.ts";

// A pathway officer's decision: buttons that say what they do, only the moves the stage allows, a reason
// first, and a confirmation that states what will happen before anything is sent.

const suite = browserSuite();

test("an officer approves only after giving a reason and confirming what approval does (English)", async () => {
  const page = await suite.newPage();
  await signInAs(page, "pathway_officer", "USA");
  await openSubmittedApplication(page, "submitted");
  // The answers read as the applicant was asked, with countries by name: no stored codes, no JSON.
  const answers = page.getByTestId("application-answers");
  await answers.getByText("What is your nationality? (If you have more than one, give them all.)").waitFor();
  expect(await answers.textContent()).not.toMatch(/[{}"]|\b(VEN|HTI|COL)\b/);
  await expect.poll(() => page.locator("#application-title").textContent()).not.toMatch(/usa-/);
  const actions = page.getByRole("group", { name: "Decide or move the application" });
  for (const name of ["Start screening", "Approve", "Deny", "Close the application"])
    await actions.getByRole("button", { name, exact: true }).waitFor();
  expect(await actions.getByRole("button", { name: "Approved" }).count()).toBe(0);

  await actions.getByRole("button", { name: "Approve", exact: true }).click();
  await actions
    .getByRole("alert")
    .filter({ hasText: "Give a reason of at least 3 characters first." })
    .waitFor();

  await actions.getByLabel("Reason (recorded with the change)").fill("documents verified at interview");
  await actions.getByRole("button", { name: "Approve", exact: true }).click();
  await actions.getByRole("heading", { name: "Confirm: Approve" }).waitFor();
  await expect.poll(() => focusedId(page)).toBe("stage-confirm-title");
  await actions.getByText(/A decision is final: afterwards the application can only be closed/).waitFor();
  await actions.getByText("Reason recorded: “documents verified at interview”").waitFor();
  await expectAccessible(page);

  // Going back changes nothing; confirming records the decision, and then only closing is left.
  await actions.getByRole("button", { name: "Go back without changing anything" }).click();
  expect(await page.locator("#application-title").textContent()).toContain("submitted");
  await actions.getByRole("button", { name: "Approve", exact: true }).click();
  await actions.getByRole("button", { name: "Yes, approve" }).click();
  await expect.poll(() => page.locator("#application-title").textContent()).toContain("decided: approved");
  await actions.getByRole("button", { name: "Close the application" }).waitFor();
  expect(await actions.getByRole("button", { name: "Approve", exact: true }).count()).toBe(0);
  await page.getByRole("listitem").filter({ hasText: "documents verified at interview" }).waitFor();
});

test("un agent refuse une demande en français, après confirmation", async () => {
  const page = await suite.newPage("fr-CA");
  await signInAs(page, "pathway_officer", "USA");
  const fr = await page.evaluate(
    () =>
      (globalThis as unknown as { document: { documentElement: { lang: string } } }).document.documentElement
        .lang,
  );
  expect(fr).toBe("fr");
  await openSubmittedApplication(page, "déposée");
  const actions = page.getByRole("group", { name: "Décider ou faire avancer la demande" });
  await actions.getByLabel("Motif (enregistré avec le changement)").fill("conditions non remplies");
  await actions.getByRole("button", { name: "Refuser", exact: true }).click();
  await actions.getByRole("heading", { name: "Confirmer : Refuser" }).waitFor();
  await actions.getByText(/La demande est refusée\. Une décision est définitive/).waitFor();
  await expectAccessible(page);
  await actions.getByRole("button", { name: "Oui, refuser" }).click();
  await actions.getByRole("button", { name: "Clore la demande" }).waitFor();
  await expect.poll(() => page.locator("#application-title").textContent()).toContain("décidée: refusée");
});
