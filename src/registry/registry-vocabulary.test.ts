import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, userWithToken } from "../../test/harness.ts";
import { decryptField, encryptField } from "../platform/crypto/field-crypto.ts";
import { CONTEXT } from "./person-seal.codec.ts";
import { personInput, registerPerson } from "./registry.test-support.ts";

// A person's needs use the vocabulary shared with pathways and placement, and documents a closed list of types
// with a validity; records stored before either are read in today's terms, their old text kept.

let t: TestApp;
let caseworker: { token: string };
beforeAll(async () => {
  t = await startTestApp();
  caseworker = await userWithToken(t, "USA", ["caseworker"]);
});
afterAll(async () => {
  await t.close();
});

const get = async (id: string) =>
  (await (await t.request("GET", `/api/v1/registry/people/${id}`, { token: caseworker.token })).json()) as {
    vulnerabilities: string[];
    documents: Record<string, unknown>[];
  };

describe("needs and documents", () => {
  it("stores a legacy need code as its shared code and a listed document with its validity", async () => {
    const res = await t.request("POST", "/api/v1/registry/people", {
      token: caseworker.token,
      body: {
        ...personInput({ vulnerabilities: ["medical", "woman_at_risk"] }),
        documents: [
          {
            type: "col_ppt",
            number: "PPT-1234567",
            issuingCountry: "COL",
            validFrom: "2022-03",
            expiry: "2031",
          },
        ],
        overrideReason: null,
        officeId: null,
      },
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const seen = await get(id);
    expect(seen.vulnerabilities).toEqual(["serious_medical_condition", "woman_at_risk"]);
    expect(seen.documents).toEqual([
      {
        type: "col_ppt",
        typeAsWritten: "",
        number: "PPT-1234567",
        issuingCountry: "COL",
        validFrom: "2022-03",
        expiry: "2031",
      },
    ]);
    const details = await t.app.platform.database.asOwner((tx) =>
      tx.selectFrom("registry_people").select("details_enc").where("id", "=", id).executeTakeFirstOrThrow(),
    );
    const stored = JSON.parse(decryptField(t.app.platform.keyring, details.details_enc, CONTEXT.details)) as {
      vulnerabilities: string[];
    };
    expect(stored.vulnerabilities).toEqual(["serious_medical_condition", "woman_at_risk"]);
  });

  it("refuses a document type off the list, and a validity that ends before it starts", async () => {
    const send = (document: Record<string, unknown>) =>
      t.request("POST", "/api/v1/registry/people/check", {
        token: caseworker.token,
        body: personInput({ documents: [document as never] }),
      });
    expect((await send({ type: "library card", number: "AB12345" })).status).toBe(400);
    const backwards = await send({
      type: "passport",
      number: "AB12345",
      validFrom: "2024-05",
      expiry: "2023",
    });
    expect(backwards.status).toBe(400);
    expect(await backwards.text()).toContain("expiry");
  });

  it("reads needs and document types stored before the vocabulary in today's terms", async () => {
    const id = await registerPerson(t.app, "USA");
    const old = {
      ...personInput(),
      vulnerabilities: ["survivor_of_violence", "lgbtqi", "trafficking_victim"],
      documents: [{ type: "Cédula", number: "V-12345678", issuingCountry: "VEN", expiry: null }],
    };
    const { givenNames, surnames, sex, birthDate, ...details } = old;
    await t.app.platform.database.asOwner((tx) =>
      tx
        .updateTable("registry_people")
        .set({ details_enc: encryptField(t.app.platform.keyring, JSON.stringify(details), CONTEXT.details) })
        .where("id", "=", id)
        .execute(),
    );
    const seen = await get(id);
    expect(seen.vulnerabilities).toEqual([
      "survivor_of_violence_or_torture",
      "lgbtiq_at_risk",
      "victim_of_trafficking",
    ]);
    expect(seen.documents[0]).toMatchObject({
      type: "national_id",
      typeAsWritten: "Cédula",
      validFrom: null,
    });
  });
});
