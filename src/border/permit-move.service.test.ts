import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/harness.ts";
import { systemScope } from "../platform/auth/scope.ts";
import { encryptField } from "../platform/crypto/field-crypto.ts";
import { personInput, registerPerson } from "../registry/registry.test-support.ts";
import { usPackText, venezuelanWhoLivedInColombia } from "./border.test-support.ts";
import { movePermitsToRegistry, moveStoredPermitsAndDrop, permitDocument } from "./permit-move.service.ts";
import { allStoredPermits, type StoredPermit } from "./permit-move.store.ts";

// Migration 0006's data step on a database that still has the border's permit list: the permits become registry
// people with a residence document, a holder already registered gets the document rather than a second record,
// running it again changes nothing, and the list is dropped.

let t: TestApp;
let carlaId = "";
let moved: StoredPermit[] = [];
beforeAll(async () => {
  t = await startTestApp();
  carlaId = await registerPerson(
    t.app,
    "COL",
    personInput({
      givenNames: ["Carla"],
      surnames: ["Rivas", "Mendoza"],
      birthDate: "1998-01-27",
      nationalities: ["VEN"],
    }),
  );
  const seal = (value: string, column: string) =>
    encryptField(t.app.platform.keyring, value, `border.permit.${column}`);
  const permit = (
    tenant: string,
    given: string,
    family: string,
    dob: string,
    type: string,
    from: string,
    to: string | null,
  ) =>
    sql`insert into border_residence_permits (tenant_id, encoding, permit_type, valid_from, valid_to, given_names_enc,
          family_names_enc, birth_date_enc)
        values (${tenant}, 'old-encoding', ${type}, ${from}, ${to}, ${seal(given, "given_names")},
          ${seal(family, "family_names")}, ${seal(dob, "birth_date")})`;
  await t.database.asOwner(async (tx) => {
    // The table as border migration 0001 made it (0006 dropped it from this fresh database).
    await sql`create table border_residence_permits (
      tenant_id text not null references tenants (id), id uuid not null default gen_random_uuid(),
      encoding text not null, permit_type text not null, valid_from date not null, valid_to date,
      given_names_enc text not null, family_names_enc text not null, birth_date_enc text not null,
      created_at timestamptz not null default now(), primary key (tenant_id, id))`.execute(tx);
    await permit(
      "COL",
      "María José",
      "Pérez Rodríguez",
      "1990-04-12",
      "PEP",
      "2019-06-01",
      "2022-03-31",
    ).execute(tx);
    await permit("COL", "Carla", "Rivas Mendoza", "1998-01-27", "PPT", "2021-10-01", null).execute(tx);
    await permit("PER", "Ana", "Quispe Flores", "1993-05-05", "CPP", "2021-01-01", null).execute(tx);
    moved = await allStoredPermits(tx);
  });
});
afterAll(async () => {
  await t.close();
});

const documentsOf = async (nation: string, id: string) =>
  (await t.app.registry.people.getPerson(systemScope(nation, "test"), id)).documents as { type: string }[];

const search = (nation: string, given: string, surname: string, dob: string) =>
  t.app.registry.people.search(systemScope(nation, "test"), { given, surname, dob });

describe("border migration 0006: permits move into the registry", () => {
  it("maps each permit to a registry document of its nation", () => {
    expect(
      permitDocument({ tenant_id: "COL", permit_type: "PEP", valid_from: "2019-06-01", valid_to: null }),
    ).toMatchObject({
      type: "col_pep",
      issuingCountry: "COL",
      validFrom: "2019-06-01",
      expiry: null,
    });
    expect(
      permitDocument({
        tenant_id: "PER",
        permit_type: "CPP",
        valid_from: "2021-01-01",
        valid_to: "2023-01-01",
      }),
    ).toMatchObject({
      type: "residence_permit",
      typeAsWritten: "CPP",
      issuingCountry: "PER",
    });
  });

  it("registers new holders, documents a holder already registered, then drops the list", async () => {
    const tally = await t.database.asOwner((tx) => moveStoredPermitsAndDrop(tx, t.app.platform.keyring));
    expect(tally).toEqual({ registered: 2, documented: 1, unchanged: 0 });
    const carla = await search("COL", "Carla", "Rivas Mendoza", "1998-01-27");
    expect(carla.filter((h) => h.score.band === "likely").map((h) => h.row.id)).toEqual([carlaId]);
    expect((await documentsOf("COL", carlaId)).map((d) => d.type)).toEqual(["passport", "col_ppt"]);
    const [maria] = await search("COL", "María José", "Pérez Rodríguez", "1990-04-12");
    expect((await documentsOf("COL", maria!.row.id)).map((d) => d.type)).toEqual(["col_pep"]);
    const gone = await t.database.asOwner((tx) => allStoredPermits(tx));
    expect(gone).toEqual([]);
  });

  it("changes nothing when the same permits are moved again", async () => {
    const again = await t.database.asOwner((tx) => movePermitsToRegistry(tx, t.app.platform.keyring, moved));
    expect(again).toEqual({ registered: 0, documented: 0, unchanged: 3 });
    expect((await search("PER", "Ana", "Quispe Flores", "1993-05-05")).length).toBe(1);
  });

  it("answers a prior-residence question from the moved permit", async () => {
    await t.app.border.loadPack(systemScope("USA", "test"), usPackText);
    await t.app.border.saveVerificationSettings(systemScope("COL", "test"), true);
    const officer = systemScope("USA", "test", ["border_officer"]);
    const met = await t.app.border.recordEncounter(officer, venezuelanWhoLivedInColombia as never);
    const answer = await t.app.border.requestVerification(officer, met.id, "COL");
    expect(answer).toMatchObject({ status: "verified", permitType: "col_pep", asOf: "2022-02-28" });
  });
});
