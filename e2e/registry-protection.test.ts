import { describe, expect, test } from "vitest";
import { demoNations } from "../src/registry/engine/demo-people.ts";
import { DEMO_REGISTRY_NATIONS } from "../src/registry/registry.seed.ts";
import { browserSuite, expectAccessible, openRegistryPerson, signInAs } from "./browser-harness.ts";

const suite = browserSuite();
const demo = demoNations(DEMO_REGISTRY_NATIONS, 700);
const gtm = demo.find((d) => d.nation === "GTM")!;

// A victim's protection record naming a registry person: the protection side sees on the person's page that
// one exists, and the step in the person's path; other readers see neither.
describe("a protection record on the registry person's page", () => {
  test("a caseworker sees the notice and the step; a registrar sees neither", async () => {
    const target = gtm.people.filter((p) => p.office === "GTM-01")[45]!.person;
    const page = await suite.newPage();
    await signInAs(page, "caseworker", "GTM");
    await openRegistryPerson(page, target.givenNames.join(" "), target.surnames.join(" "));
    const id = new URL(page.url()).pathname.split("/").pop() as string;
    const notice = page.getByRole("region", { name: "Protection record" });
    const timeline = page.getByRole("region", { name: "Path through the framework" });
    await timeline.getByRole("listitem").first().waitFor();
    expect(await notice.count()).toBe(0);

    // The protection side names the person on a victim's protection record (the networks API, as the web
    // app's own session calls it).
    const me = await page.request.get("/api/v1/auth/me");
    const { csrfToken } = (await me.json()) as { csrfToken: string };
    const flagged = await page.request.post("/api/v1/networks/protection-records", {
      headers: { "x-csrf-token": csrfToken },
      data: { caseRef: `GTM-E2E-${Date.now()}`, reason: "victim of trafficking", personId: id },
    });
    expect(flagged.status(), await flagged.text()).toBe(201);

    await page.reload();
    await notice.waitFor();
    expect(await notice.textContent()).toContain("names this person");
    await expect
      .poll(() => timeline.getByRole("listitem").filter({ hasText: "protection record" }).count())
      .toBe(1);
    expect(await timeline.getByRole("listitem").filter({ hasText: "Networks" }).count()).toBe(1);
    await expectAccessible(page);

    const registrar = await suite.newPage();
    await signInAs(registrar, "registrar", "GTM");
    await registrar.goto(`/registry/people/${id}`);
    const theirs = registrar.getByRole("region", { name: "Path through the framework" });
    await theirs.getByRole("listitem").first().waitFor();
    expect(await registrar.getByRole("region", { name: "Protection record" }).count()).toBe(0);
    expect(await theirs.getByRole("listitem").filter({ hasText: "Networks" }).count()).toBe(0);
  });

  test("the notice is in the reader's language", async () => {
    const target = gtm.people.filter((p) => p.office === "GTM-01")[46]!.person;
    const page = await suite.newPage("es-ES");
    await signInAs(page, "protection_officer", "GTM");
    await page.goto("/registry");
    const en = await suite.newPage();
    await signInAs(en, "protection_officer", "GTM");
    await openRegistryPerson(en, target.givenNames.join(" "), target.surnames.join(" "));
    const id = new URL(en.url()).pathname.split("/").pop() as string;
    const { csrfToken } = (await (await en.request.get("/api/v1/auth/me")).json()) as { csrfToken: string };
    const flagged = await en.request.post("/api/v1/networks/protection-records", {
      headers: { "x-csrf-token": csrfToken },
      data: { caseRef: `GTM-E2E-ES-${Date.now()}`, reason: "victim of trafficking", personId: id },
    });
    expect(flagged.status(), await flagged.text()).toBe(201);
    await page.goto(`/registry/people/${id}`);
    const notice = page.getByRole("region", { name: "Registro de protección" });
    await notice.waitFor();
    expect(await notice.textContent()).toContain("nombra a esta persona");
  });
});
