import type { Page } from "playwright-core";
import { expect, test } from "vitest";
import es from "../web/src/i18n/portal/es.json" with { type: "json" };
import ht from "../web/src/i18n/portal/ht.json" with { type: "json" };
import { browserSuite, expectAccessible, signInAs } from "./browser-harness.ts";

// An applicant chooses their own appointment on the portal's status page, in their language: the offered free
// times by day and office name, one booked, and a time already booked no longer offered to the next applicant.

const suite = browserSuite();

/** A day as the portal writes it, from the language's own weekday and month names. */
function portalDay(day: string, text: typeof ht): string {
  const date = new Date(`${day}T00:00:00Z`);
  return text.slots.datePattern
    .replace("{weekday}", text.slots.weekdays[date.getUTCDay()] ?? "")
    .replace("{day}", String(date.getUTCDate()))
    .replace("{month}", text.slots.months[date.getUTCMonth()] ?? "")
    .replace("{year}", String(date.getUTCFullYear()));
}

/** Applies in Haitian Creole to Colombia's ETPV on the portal; returns the tracking code and secret. */
async function applyInCreole(page: Page, fullName: string) {
  await page.goto("/portal");
  await page.getByRole("button", { name: "Kreyòl ayisyen" }).click();
  await page.getByLabel(/Ki nasyonalite ou/).selectOption("VEN");
  await page.getByLabel(/Nan ki peyi w ap viv/).selectOption("COL");
  await page.getByLabel(/Ki dat ou te rive/).fill("2022-03-01");
  await page.getByRole("button", { name: "Wè chemen ki posib yo" }).click();
  await page
    .getByRole("button", { name: /^Aplike: Estati Pwoteksyon Tanporè pou Migran Venezyela \(ETPV\)/ })
    .click();
  await page.getByRole("checkbox", { name: "Mwen dakò" }).check();
  await page.getByLabel(/Non konplè/).fill(fullName);
  await page.getByRole("button", { name: "Voye demann lan" }).click();
  const code = (await page.getByTestId("tracking-code").textContent({ timeout: 60_000 })) ?? "";
  const secret = (await page.getByTestId("secret").textContent()) ?? "";
  expect(code).toMatch(/^COL-/);
  return { code, secret };
}

test("applicants choose their appointment on the portal, in Haitian Creole and in Spanish", async () => {
  // The office opens a day tomorrow at its second office, with two times.
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const staff = await suite.newPage();
  await signInAs(staff, "pathway_officer", "COL");
  const me = (await (await staff.request.get("/api/v1/auth/me")).json()) as { csrfToken: string };
  const opened = await staff.request.put("/api/v1/pathways/appointment-days", {
    headers: { "x-csrf-token": me.csrfToken },
    data: { officeId: "COL-02", day: tomorrow, capacity: 2 },
  });
  expect(opened.status(), await opened.text()).toBe(200);

  const page = await suite.newPage();
  await page.setViewportSize({ width: 375, height: 740 });
  const first = await applyInCreole(page, "Rose Délicia");
  await page.getByLabel("Kòd swivi").fill(first.code);
  await page.getByLabel("Sekrè").fill(first.secret);
  await page.getByRole("button", { name: "Gade" }).click();
  const choice = page.getByTestId("slot-choice");
  await choice.getByRole("heading", { name: "Chwazi randevou ou" }).waitFor();
  const day = choice.getByRole("group", { name: `${portalDay(tomorrow, ht)} — COL demo office 02` });
  await day.waitFor();
  expect(await choice.textContent()).not.toMatch(/COL-0\d|\d{4}-\d{2}-\d{2}/);
  expect(await day.getByRole("radio").count()).toBe(2);
  await expectAccessible(page);
  await choice.getByRole("button", { name: "Pran randevou sa a" }).click();
  await choice.getByRole("alert").filter({ hasText: "Chwazi yon lè anvan." }).waitFor();
  await day.getByRole("radio", { name: "08:00" }).check();
  await choice.getByRole("button", { name: "Pran randevou sa a" }).click();
  await page
    .getByTestId("slot-booked")
    .filter({ hasText: `Randevou ou pran: ${portalDay(tomorrow, ht)} a 08:00, COL demo office 02.` })
    .waitFor();
  await expect.poll(() => page.getByTestId("status").textContent()).toContain("Randevou fikse");
  const statusText = (await page.getByTestId("status").textContent()) ?? "";
  expect(statusText).toContain(`${portalDay(tomorrow, ht)} 08:00 · COL demo office 02`);
  expect(statusText).not.toMatch(/COL-0\d|\d{4}-\d{2}-\d{2}/);
  expect(await page.getByTestId("slot-choice").count()).toBe(0);
  await expectAccessible(page);

  // A second applicant, reading the portal in Spanish: the time booked above is no longer offered.
  const second = await applyInCreole(await suite.newPage(), "Jean Wesly");
  const spanish = await suite.newPage("es-ES");
  await spanish.goto("/portal");
  await spanish.getByRole("button", { name: "Español" }).click();
  await spanish.getByLabel("Código de seguimiento").fill(second.code);
  await spanish.getByLabel("Clave secreta").fill(second.secret);
  await spanish.getByRole("button", { name: "Ver estado" }).click();
  const eleccion = spanish.getByTestId("slot-choice");
  await eleccion.getByRole("heading", { name: "Elija su cita" }).waitFor();
  const dia = eleccion.getByRole("group", { name: `${portalDay(tomorrow, es)} — COL demo office 02` });
  await dia.waitFor();
  expect(await dia.getByRole("radio").count()).toBe(1);
  expect(await dia.getByRole("radio", { name: "8:00" }).count()).toBe(0);
  await dia.getByRole("radio", { name: "8:20" }).check();
  await expectAccessible(spanish);

  // Meanwhile a third applicant takes 8:20: booking it here is refused in Spanish, and the full day disappears.
  const third = await applyInCreole(await suite.newPage(), "Marie Nadège");
  const taken = await spanish.request.post("/api/v1/portal/appointments", {
    data: { trackingCode: third.code, secret: third.secret, officeId: "COL-02", day: tomorrow, slot: 2 },
  });
  expect(taken.status(), await taken.text()).toBe(201);
  await eleccion.getByRole("button", { name: "Reservar esta cita" }).click();
  await eleccion
    .getByRole("alert")
    .filter({ hasText: "Otra persona tomó esa hora mientras tanto. Elija otra, por favor." })
    .waitFor();
  await expect.poll(() => dia.count()).toBe(0);
  await expectAccessible(spanish);

  // Another offered time is booked, and said back in Spanish with the office's name.
  await eleccion.getByRole("radio").first().check();
  await eleccion.getByRole("button", { name: "Reservar esta cita" }).click();
  await spanish
    .getByTestId("slot-booked")
    .filter({ hasText: /^Su cita está reservada: .+ a las \d{1,2}:\d{2}, COL demo office 01\.$/ })
    .waitFor();
  await expect.poll(() => spanish.getByTestId("status").textContent()).toContain("Cita programada");
  await expectAccessible(spanish);
}, 240_000);

test("an applicant who booked in another tab is told so in French, not that the time was taken", async () => {
  const page = await suite.newPage("fr-FR");
  const applied = await applyInCreole(page, "Claudette Pierre");
  await page.goto("/portal");
  await page.getByRole("button", { name: "Français" }).click();
  await page.getByLabel("Code de suivi").fill(applied.code);
  await page.getByLabel("Secret", { exact: true }).fill(applied.secret);
  await page.getByRole("button", { name: "Voir", exact: true }).click();
  const choice = page.getByTestId("slot-choice");
  await choice.getByRole("heading", { name: "Choisissez votre rendez-vous" }).waitFor();
  const offered = choice.getByRole("radio").first();
  await offered.check();

  // The same applicant books another time from a second tab before confirming this one.
  const slots = await page.request.post("/api/v1/portal/appointments/free-slots", {
    data: { trackingCode: applied.code, secret: applied.secret },
  });
  const free = (await slots.json()) as {
    days: { officeId: string; day: string; slots: { slot: number }[] }[];
  };
  const other = free.days.at(-1)!;
  const elsewhere = await page.request.post("/api/v1/portal/appointments", {
    data: {
      trackingCode: applied.code,
      secret: applied.secret,
      officeId: other.officeId,
      day: other.day,
      slot: other.slots.at(-1)!.slot,
    },
  });
  expect(elsewhere.status(), await elsewhere.text()).toBe(201);

  await choice.getByRole("button", { name: "Réserver ce rendez-vous" }).click();
  const alert = choice.getByRole("alert").filter({ hasText: "Votre demande a déjà un rendez-vous." });
  await alert.waitFor();
  expect(await alert.textContent()).not.toMatch(/Quelqu’un a pris|already|appointment/);
  await expectAccessible(page);
}, 180_000);
