import { expect, test } from "vitest";
import { browserSuite, expectAccessible, signInAs } from "./browser-harness.ts";

// A detail opened from a long list appears where the user is looking: scrolled into view, its heading focused.

const suite = browserSuite();

for (const [locale, label] of [
  ["en-US", "Queue"],
  ["fr-CA", null],
] as const) {
  test(`an application opened from the bottom of the queue is in view with its heading focused (${locale})`, async () => {
    const page = await suite.newPage(locale);
    await signInAs(page, "pathway_officer", "USA");
    await page.goto("/pathways");
    const queue = label ? page.getByRole("table", { name: label }) : page.getByRole("table").first();
    await queue.waitFor();
    const rows = queue.getByRole("button");
    const last = rows.nth((await rows.count()) - 1);
    await last.scrollIntoViewIfNeeded();
    const code = (await last.textContent()) ?? "";
    await last.click();
    const heading = page.locator("#application-title");
    await expect.poll(() => heading.textContent()).toContain(code);
    await expect
      .poll(() =>
        page.evaluate(
          () =>
            (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document
              .activeElement?.id,
        ),
      )
      .toBe("application-title");
    const box = await heading.boundingBox();
    const viewport = page.viewportSize();
    expect(
      box && viewport && box.y >= -1 && box.y + box.height <= viewport.height,
      JSON.stringify({ box, viewport }),
    ).toBe(true);
    await expectAccessible(page);
  });
}
