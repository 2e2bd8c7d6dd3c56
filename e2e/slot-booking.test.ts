import type { Page } from "playwright-core";
import { expect, test } from "vitest";
import { browserSuite, expectAccessible, openSubmittedApplication, signInAs } from "./browser-harness.ts";

// A pathway officer books an appointment by picking it: an office by its name, a day with free slots, a free
// time, each in the officer's language. A booked time is no longer offered, and a time taken by someone else in
// the meantime is refused in the officer's language.

const suite = browserSuite();

const OFFICE = "USA-02";
const OFFICE_NAME = "USA demo office 02";
const DAY = "2031-03-14";

/** Calls the staff API as the page's signed-in user. */
async function staffApi(page: Page, method: "GET" | "PUT" | "POST", path: string, data?: unknown) {
  const me = (await (await page.request.get("/api/v1/auth/me")).json()) as { csrfToken: string };
  const response = await page.request.fetch(`/api/v1${path}`, {
    method,
    headers: { "x-csrf-token": me.csrfToken },
    data,
  });
  expect(response.status(), await response.text()).toBeLessThan(300);
  return response.json() as Promise<unknown>;
}

const optionTexts = (page: Page, label: string) =>
  page.getByLabel(label, { exact: true }).locator("option").allTextContents();

test("an officer books a free slot in Spanish, then in Portuguese the booked time is gone", async () => {
  const es = await suite.newPage("es-ES");
  await signInAs(es, "pathway_officer", "USA");
  await staffApi(es, "PUT", "/pathways/appointment-days", { officeId: OFFICE, day: DAY, capacity: 3 });
  const firstCode = await openSubmittedApplication(es, "presentada");

  const picker = es.getByRole("group", { name: "Reservar una cita" });
  await picker.waitFor();
  // Offices by name, never by id.
  await expect.poll(() => optionTexts(es, "Oficina")).toContain(OFFICE_NAME);
  const offices = await optionTexts(es, "Oficina");
  expect(offices).toContain(OFFICE_NAME);
  expect(offices.join(" ")).not.toMatch(/USA-0\d/);
  await es.getByLabel("Oficina", { exact: true }).selectOption({ label: OFFICE_NAME });
  // Days in Spanish, with how many times are free; no ISO dates on screen.
  const days = await optionTexts(es, "Día");
  const day = days.find((d) => d.includes("14 de marzo de 2031"));
  expect(day).toBe("viernes, 14 de marzo de 2031 (3 horas libres)");
  expect(days.join(" ")).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  await es.getByLabel("Día", { exact: true }).selectOption({ label: day ?? "" });
  expect(await optionTexts(es, "Hora")).toEqual(["Elija una hora", "8:00", "8:20", "8:40"]);
  await es.getByLabel("Hora", { exact: true }).selectOption({ label: "8:00" });
  await expectAccessible(es);
  await picker.getByRole("button", { name: "Reservar esta hora" }).click();

  const booked = es.getByTestId("booked-appointment");
  await booked.getByRole("heading", { name: "Cita" }).waitFor();
  expect(await booked.textContent()).toContain(`viernes, 14 de marzo de 2031 a las 8:00, ${OFFICE_NAME}`);
  await expect.poll(() => es.locator("#application-title").textContent()).toContain("entrevista programada");
  expect(await es.getByTestId("slot-picker").count()).toBe(0);
  await expectAccessible(es);

  // In Portuguese, on another application: the booked time is no longer offered.
  const pt = await suite.newPage("pt-BR");
  await signInAs(pt, "pathway_officer", "USA");
  const secondCode = await openSubmittedApplication(pt, "enviado");
  expect(secondCode).not.toBe(firstCode);
  await pt.getByRole("group", { name: "Marcar um atendimento" }).waitFor();
  await expect.poll(() => optionTexts(pt, "Escritório")).toContain(OFFICE_NAME);
  await pt.getByLabel("Escritório", { exact: true }).selectOption({ label: OFFICE_NAME });
  const ptDay = (await optionTexts(pt, "Dia")).find((d) => d.includes("14 de março de 2031"));
  expect(ptDay).toBe("sexta-feira, 14 de março de 2031 (2 horários livres)");
  await pt.getByLabel("Dia", { exact: true }).selectOption({ label: ptDay ?? "" });
  expect(await optionTexts(pt, "Horário")).toEqual(["Escolha um horário", "08:20", "08:40"]);
  await pt.getByLabel("Horário", { exact: true }).selectOption({ label: "08:20" });

  // Meanwhile another officer books 08:20 for a third application: booking it here is refused, in Portuguese.
  const queue = (await staffApi(pt, "GET", "/pathways/applications?limit=200")) as {
    applications: { id: string; trackingCode: string; stage: string }[];
  };
  const third = queue.applications.find(
    (a) => a.stage === "submitted" && a.trackingCode !== firstCode && a.trackingCode !== secondCode,
  );
  expect(third).toBeDefined();
  await staffApi(pt, "POST", `/pathways/applications/${third?.id}/appointment`, {
    officeId: OFFICE,
    day: DAY,
    slot: 2,
  });
  await pt.getByRole("button", { name: "Marcar este horário" }).click();
  await pt
    .getByRole("alert")
    .filter({ hasText: "Esse horário foi ocupado entretanto. Escolha outro." })
    .waitFor();
  await expect.poll(() => optionTexts(pt, "Horário")).toEqual(["Escolha um horário", "08:40"]);
  await expectAccessible(pt);

  await pt.getByLabel("Horário", { exact: true }).selectOption({ label: "08:40" });
  await pt.getByRole("button", { name: "Marcar este horário" }).click();
  const ptBooked = pt.getByTestId("booked-appointment");
  await ptBooked.getByRole("heading", { name: "Atendimento marcado" }).waitFor();
  expect(await ptBooked.textContent()).toContain(`sexta-feira, 14 de março de 2031 às 08:40, ${OFFICE_NAME}`);
  await expectAccessible(pt);
}, 180_000);
