import type { Locator, Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { apiOf, browserSuite, expectAccessible, focusedId, signInAs } from "./browser-harness.ts";

// The staff queues with server-side filters, sort and paging: the pathways Queue tab (any stage), My queue,
// the referrals under the queue and the registry's duplicate review queue, in Spanish and Portuguese, for a
// pathway officer and an administrator who reviews duplicates. An item opened takes the focus, in view.

const suite = browserSuite();

/** The "a–b de n" status of the pager inside `within`, as numbers. */
async function pagerOf(within: Locator): Promise<{ from: number; to: number; total: number }> {
  const status = within.getByRole("navigation", { name: "Páginas" }).getByRole("status");
  await status.waitFor();
  const text = (await status.textContent()) ?? "";
  const match = /(\d+)–(\d+) de (\d+)/.exec(text);
  if (!match) throw new Error(`no pager status in "${text}"`);
  return { from: Number(match[1]), to: Number(match[2]), total: Number(match[3]) };
}

/** Whether the element is inside the viewport, top and bottom. */
async function inView(page: Page, element: Locator): Promise<boolean> {
  const box = await element.boundingBox();
  const viewport = page.viewportSize();
  return !!box && !!viewport && box.y >= -1 && box.y + box.height <= viewport.height + 1;
}

/** Sends the filter form inside `within` and waits for the answer to the request it makes. */
async function apply(page: Page, within: Locator, path: string) {
  const answered = page.waitForResponse((r) => r.url().includes(path) && r.request().method() === "GET");
  await within.getByRole("button", { name: "Aplicar filtros" }).click();
  await answered;
}

describe("staff queues", () => {
  test("a pathway officer, in Spanish: the Queue tab filtered by stage and pathway title, paged, an application opened in view", async () => {
    const page = await suite.newPage("es-ES");
    await signInAs(page, "pathway_officer", "USA");
    await page.goto("/pathways");
    const section = page.getByRole("region", { name: "Fila", exact: true });
    const table = section.getByRole("table", { name: "Fila" });
    await table.getByRole("row").nth(1).waitFor();
    const all = await pagerOf(section);
    expect(all.total).toBeGreaterThan(20);
    expect(all.to).toBe(20);
    await expectAccessible(page);

    // Paging is done by the server: page 2 starts at 21, the total unchanged.
    const next = page.waitForResponse(
      (r) => r.url().includes("/pathways/applications?") && r.url().includes("offset=20"),
    );
    await section.getByRole("button", { name: "Página siguiente" }).click();
    await next;
    await expect.poll(async () => (await pagerOf(section)).from).toBe(21);
    expect((await pagerOf(section)).total).toBe(all.total);

    // The stage and decision selects read as labels; a stage narrows the list to it.
    const stage = section.getByLabel("Etapa");
    expect(await stage.locator("option").allTextContents()).toContain("presentada");
    expect(await section.getByLabel("Decisión").locator("option").allTextContents()).toContain("aprobada");
    await stage.selectOption({ label: "presentada" });
    await apply(page, section, "stage=submitted");
    const submitted = await pagerOf(section);
    expect(submitted.from).toBe(1);
    expect(submitted.total).toBeGreaterThan(0);
    expect(submitted.total).toBeLessThan(all.total);
    const cellsOf = (column: number) =>
      table.getByRole("row").locator(`td:nth-child(${column})`).allTextContents();
    await expect.poll(async () => [...new Set(await cellsOf(3))]).toEqual(["presentada"]);

    // The pathway filter offers titles, not ids; every row listed then shows that title.
    const pathway = section.getByLabel("Vía");
    const titleOptions = async () => (await pathway.locator("option").allTextContents()).slice(1);
    // The titles come from the catalogue, fetched apart from the queue: wait for them.
    await expect.poll(async () => (await titleOptions()).length).toBeGreaterThan(0);
    const titles = await titleOptions();
    for (const title of titles) expect(title).not.toMatch(/^[a-z0-9][a-z0-9_-]+$/);
    const title = (await cellsOf(2))[0] as string;
    expect(titles).toContain(title);
    await stage.selectOption("");
    await pathway.selectOption({ label: title });
    await apply(page, section, "pathway=");
    await expect.poll(async () => [...new Set(await cellsOf(2))]).toEqual([title]);

    // A row opened at the bottom of the page: the detail takes the focus and is in view.
    const buttons = table.getByRole("button");
    const last = buttons.nth((await buttons.count()) - 1);
    await last.scrollIntoViewIfNeeded();
    const code = ((await last.textContent()) ?? "").trim();
    await last.click();
    const heading = page.locator("#application-title");
    await expect.poll(() => heading.textContent()).toContain(code);
    await expect.poll(() => focusedId(page)).toBe("application-title");
    expect(await inView(page, heading)).toBe(true);

    // The referrals below: incoming by default, outgoing on demand, statuses by label, paged.
    const referrals = page.getByRole("region", { name: "Derivaciones" });
    await referrals.getByRole("table").waitFor();
    await referrals.getByLabel("Sentido").selectOption("outgoing");
    await referrals.getByLabel("Estado").selectOption({ label: "pendiente" });
    await apply(page, referrals, "/pathways/referrals?");
    await referrals.getByRole("table", { name: "Derivaciones enviadas" }).waitFor();
    expect((await pagerOf(referrals)).from).toBeLessThanOrEqual(1);
    await expectAccessible(page);
  });

  test("a pathway officer, in Portuguese: My queue shows pathway titles and local dates, filters by a pathway select", async () => {
    const page = await suite.newPage("pt-BR");
    await signInAs(page, "pathway_officer", "USA");
    await page.goto("/pathways");
    await page.getByRole("tab", { name: "Minha fila" }).click();
    const section = page.getByRole("region", { name: "Pedidos aguardando uma etapa ou uma decisão" });
    const table = section.getByRole("table", { name: "Pedidos aguardando uma etapa ou uma decisão" });
    await table.getByRole("row").nth(1).waitFor();
    const all = await pagerOf(section);
    expect(all.total).toBeGreaterThan(20);

    const first = table.getByRole("row").nth(1);
    // The title replaces the id once the catalogue in the reader's language has loaded.
    await expect
      .poll(async () => ((await first.locator("td").nth(0).textContent()) ?? "").trim())
      .not.toMatch(/^[a-z0-9][a-z0-9_-]+$/);
    const pathwayCell = ((await first.locator("td").nth(0).textContent()) ?? "").trim();
    const dateCell = ((await first.locator("td").nth(2).textContent()) ?? "").trim();
    expect(dateCell).not.toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(dateCell).toMatch(/\d{4}/);

    const pathway = section.getByLabel("Via legal");
    await pathway.selectOption({ label: pathwayCell });
    await apply(page, section, "/pathways/my-queue?");
    await expect
      .poll(async () => [
        ...new Set(await table.getByRole("row").locator("td:nth-child(2)").allTextContents()),
      ])
      .toEqual([pathwayCell]);
    expect((await pagerOf(section)).total).toBeLessThanOrEqual(all.total);
    await expectAccessible(page);

    const open = table.getByRole("button").first();
    const code = ((await open.textContent()) ?? "").trim();
    await open.click();
    const heading = page.locator("#application-title");
    await expect.poll(() => heading.textContent()).toContain(code);
    await expect.poll(() => focusedId(page)).toBe("application-title");
    expect(await inView(page, heading)).toBe(true);
  });

  test("a referral sent to another nation shows under Referrals by nation name and status label, and is accepted there", async () => {
    const page = await suite.newPage("es-ES");
    await signInAs(page, "pathway_officer", "USA");
    const asUsa = await apiOf(page);
    const open = (await asUsa("GET", "/pathways/questionnaire?lang=es")).body as {
      pathways: { id: string; nation: string }[];
    };
    // A demo nation the USA has a data-sharing agreement with.
    const target = open.pathways.find((p) => ["MEX", "COL", "GTM", "HTI", "BRA"].includes(p.nation));
    expect(target).toBeDefined();
    const nation = target?.nation as string;
    const usaApps = (await asUsa("GET", "/pathways/applications?stage=submitted&sort=newest&limit=1"))
      .body as {
      applications: { id: string }[];
    };
    const sent = await asUsa("POST", `/pathways/applications/${usaApps.applications[0]?.id}/referral`, {
      toNation: nation,
      toPathway: target?.id,
      consent: true,
      consentText: "La persona solicitante acepta la derivación.",
      reason: "queues browser check",
    });
    expect(sent.status, sent.text).toBe(201);

    // The sending officer, in Spanish: outgoing, pending, the receiving nation by its name.
    await page.goto("/pathways");
    const referrals = page.getByRole("region", { name: "Derivaciones" });
    await referrals.getByLabel("Sentido").selectOption("outgoing");
    await referrals.getByLabel("Estado").selectOption({ label: "pendiente" });
    await apply(page, referrals, "status=pending");
    const row = referrals.getByRole("row").filter({ hasText: "queues browser check" });
    await row.waitFor();
    const named = ((await row.getByRole("rowheader").textContent()) ?? "").trim();
    expect(named).toMatch(new RegExp(`^\\p{L}.* \\(${nation}\\)$`, "u"));
    expect(await row.textContent()).toContain("pendiente");
    await expectAccessible(page);

    // The receiving officer, in Portuguese: incoming by default, accepted from the list.
    const receiver = await suite.newPage("pt-BR");
    await signInAs(receiver, "pathway_officer", nation);
    await receiver.goto("/pathways");
    const incoming = receiver.getByRole("region", { name: "Encaminhamentos" });
    const waiting = incoming.getByRole("row").filter({ hasText: "queues browser check" });
    await waiting.waitFor();
    expect(await waiting.getByRole("rowheader").textContent()).toContain("(USA)");
    await waiting.getByRole("button", { name: "Aceitar" }).click();
    // Nothing is sent yet: the confirmation takes the focus, names the nation and says what will happen.
    const confirmation = incoming.getByRole("region", { name: /^Aceitar o encaminhamento de .+ \(USA\)\?$/ });
    await confirmation.waitFor();
    await expect.poll(() => focusedId(receiver)).toBe("referral-decision-title");
    expect(await confirmation.textContent()).toContain("compartilhou com o consentimento da pessoa");
    expect(await waiting.textContent()).toContain("pendente");
    await confirmation.getByRole("button", { name: "Sim, aceitar" }).click();
    await confirmation.getByRole("alert").filter({ hasText: "pelo menos 3 caracteres" }).waitFor();
    await confirmation.getByLabel(/^Motivo/).fill("documentos conferidos com a USA");
    await expectAccessible(receiver);
    await confirmation.getByRole("button", { name: "Sim, aceitar" }).click();
    await expect.poll(() => waiting.textContent()).toContain("aceito");
    await expect.poll(() => confirmation.count()).toBe(0);
    await expectAccessible(receiver);
  });

  for (const [locale, labels] of [
    [
      "es-ES",
      {
        queue: "Cola de revisión",
        band: "Coincidencia",
        likely: "probable",
        sort: "Orden",
        oldest: "Más antiguos primero",
        name: "Nombre",
        birth: "Fecha de nacimiento",
        office: "Oficina",
      },
    ],
    [
      "pt-BR",
      {
        queue: "Fila de revisão",
        band: "Correspondência",
        likely: "provável",
        sort: "Ordem",
        oldest: "Mais antigos primeiro",
        name: "Nome",
        birth: "Data de nascimento",
        office: "Escritório",
      },
    ],
  ] as const) {
    test(`an administrator reviews duplicates (${locale}): filtered by band, sorted, paged, a pair opened in view`, async () => {
      const page = await suite.newPage(locale);
      await signInAs(page, "nation_admin", "USA");
      await page.goto("/registry/review");
      const section = page.getByRole("region", { name: labels.queue });
      const table = section.getByRole("table", { name: labels.queue });
      await table.getByRole("row").nth(1).waitFor();
      const all = await pagerOf(section);
      expect(all.total).toBeGreaterThan(0);
      await expectAccessible(page);

      await section.getByLabel(labels.band).selectOption({ label: labels.likely });
      await section.getByLabel(labels.sort).selectOption({ label: labels.oldest });
      await apply(page, section, "band=likely");
      const likely = await pagerOf(section);
      expect(likely.total).toBeLessThanOrEqual(all.total);
      await expect
        .poll(async () => [
          ...new Set(await table.getByRole("row").locator("th[scope=row]").allTextContents()),
        ])
        .toEqual([labels.likely]);
      if (likely.total > 20) {
        await section.getByRole("navigation", { name: "Páginas" }).getByRole("button").last().click();
        await expect.poll(async () => (await pagerOf(section)).from).toBe(21);
      }

      const open = table.getByRole("button").first();
      await open.click();
      const heading = page.locator("#review-pair");
      await expect.poll(() => focusedId(page)).toBe("review-pair");
      expect(await inView(page, heading)).toBe(true);
      const pair = section.locator("dl").first();
      expect(await pair.locator("dt").allTextContents()).toEqual(
        expect.arrayContaining([labels.name, labels.birth, labels.office]),
      );
      const text = (await section.textContent()) ?? "";
      expect(text).not.toMatch(/\bDOB\b|date_of_birth|given_name|document_number/);
      await expectAccessible(page);
    });
  }
});
