import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/harness.ts";
import { systemScope } from "../platform/auth/scope.ts";
import { personTerms } from "./engine/person-record.ts";
import { hashTerm, regionalClkKeys } from "./person-seal.codec.ts";
import { personInput, registerPerson, uniqueName } from "./registry.test-support.ts";
import { rewriteSearchTerms } from "./search-terms.service.ts";

// Search selects candidates by blocking terms (pairs of name sounds, the full date of birth) and still finds a
// person through the usual slips; people stored before the blocking terms get them from migration 0010's step.

let t: TestApp;
const scope = { ...systemScope("USA", "test", ["caseworker"]), reach: "nation" as const };
const search = (q: { given?: string; surname?: string; dob?: string }) =>
  t.app.registry.people.search(scope, q).then((hits) => hits.map((h) => h.row.id));

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

describe("search by blocking terms", () => {
  it("finds a person with given name and surname swapped, day and month swapped, or one name misspelt", async () => {
    const given = uniqueName();
    const surname = uniqueName();
    const id = await registerPerson(
      t.app,
      "USA",
      personInput({ givenNames: [given], surnames: [surname], birthDate: "1979-04-11" }),
    );
    expect(await search({ given, surname, dob: "1979-04-11" })).toContain(id);
    expect(await search({ given: surname, surname: given })).toContain(id);
    expect(await search({ given, surname, dob: "1979-11-04" })).toContain(id);
    expect(await search({ given: `${given}qx`, surname: "Zzyzx", dob: "1979-04-11" })).toContain(id);
    expect(await search({ given: "Zzyzx", surname: "Qqwv", dob: "1979-04-11" })).toContain(id);
  });

  it("rewrites the terms of people stored before the blocking terms, so search finds them again", async () => {
    const given = uniqueName();
    const surname = uniqueName();
    const input = personInput({ givenNames: [given], surnames: [surname], birthDate: "1966-02-21" });
    const id = await registerPerson(t.app, "USA", input);
    const keys = { keyring: t.app.platform.keyring, clkKeys: regionalClkKeys(t.app.platform.keyring) };
    const full = personTerms(input).map((term) => hashTerm(keys, term));
    const old = personTerms(input)
      .filter((term) => !/^(b2|b2y|b2m|bd):/.test(term))
      .map((term) => hashTerm(keys, term));
    const stored = () =>
      t.app.platform.database.asOwner(async (tx) => {
        const r = await sql<{ terms: string[] }>`select terms from registry_people
          where tenant_id = 'USA' and id = ${id}::uuid`.execute(tx);
        return r.rows[0]?.terms ?? [];
      });
    expect(new Set(await stored())).toEqual(new Set(full));
    await t.app.platform.database.asOwner((tx) =>
      sql`update registry_people set terms = ${old}::text[] where tenant_id = 'USA' and id = ${id}::uuid`.execute(
        tx,
      ),
    );
    expect(await search({ given, surname, dob: "1966-02-21" })).not.toContain(id);
    const rewritten = await t.app.platform.database.asOwner((tx) =>
      rewriteSearchTerms(tx, t.app.platform.keyring),
    );
    expect(rewritten).toBeGreaterThan(0);
    expect(new Set(await stored())).toEqual(new Set(full));
    expect(await search({ given, surname, dob: "1966-02-21" })).toContain(id);
  });
});
