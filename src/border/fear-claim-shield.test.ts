import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, userWithToken } from "../../test/harness.ts";
import type { PersonInput } from "../registry/registry.contract.ts";
import { giveConsent, personInput, registerPerson } from "../registry/registry.test-support.ts";
import { prepareBorderTenants, venezuelanWhoLivedInColombia } from "./border.test-support.ts";

// A fear claim at the border about a registered person shields them from the nations of their nationalities,
// from that moment: a recorded act, so the border officer needs no right to read protection details.

let t: TestApp;
const tokens = { officer: "", caseworker: "", haiti: "" };
beforeAll(async () => {
  t = await startTestApp();
  await prepareBorderTenants(t.app);
  tokens.officer = (await userWithToken(t, "USA", ["border_officer"])).token;
  tokens.caseworker = (await userWithToken(t, "USA", ["caseworker"])).token;
  tokens.haiti = (await userWithToken(t, "HTI", ["caseworker"])).token;
});
afterAll(async () => {
  await t.close();
});

async function send(method: string, path: string, token: string, body?: unknown, headers = {}) {
  const res = await t.request(method, `/api/v1${path}`, {
    token,
    headers,
    ...(body === undefined ? {} : { body }),
  });
  const text = await res.text();
  return { status: res.status, text, body: (text ? JSON.parse(text) : null) as Record<string, unknown> };
}

const haitian = (): PersonInput => personInput({ nationalities: ["HTI"] });

/** Haiti holds the same person with consent; the answer says whether Haiti is told the USA holds them. */
async function haitiAsking(person: PersonInput): Promise<() => Promise<boolean>> {
  const htiId = await registerPerson(t.app, "HTI", person);
  await giveConsent(t.app, "HTI", htiId);
  return async () => {
    const asked = await send("POST", "/registry/crossmatch", tokens.haiti, { personId: htiId });
    expect(asked.status, asked.text).toBe(200);
    return (asked.body.holders as string[]).includes("USA");
  };
}

const encounterOf = (personId: string, fearClaim: boolean) => ({
  ...venezuelanWhoLivedInColombia,
  citizenship: "HTI",
  personId,
  fearClaim,
});

describe("a fear claim at the border", () => {
  it("shields the registered person from Haiti from the moment the encounter is recorded", async () => {
    const person = haitian();
    const usaId = await registerPerson(t.app, "USA", person);
    const haitiFindsInUsa = await haitiAsking(person);
    expect(await haitiFindsInUsa()).toBe(true);

    const recorded = await send("POST", "/border/encounters", tokens.officer, encounterOf(usaId, true));
    expect(recorded.status, recorded.text).toBe(201);
    expect(await haitiFindsInUsa()).toBe(false);
    const record = await send("GET", `/registry/people/${usaId}`, tokens.caseworker);
    expect(record.body.protection).toEqual({ status: "asylum_seeker", from: ["HTI"] });
    const history = await send("GET", `/registry/people/${usaId}/history`, tokens.caseworker);
    expect(JSON.stringify(history.body)).toMatch(/fear claim at the border, encounter/);
  });

  it("changes nothing without a fear claim, and never lowers or widens a protection already recorded", async () => {
    const person = haitian();
    const usaId = await registerPerson(t.app, "USA", person);
    const haitiFindsInUsa = await haitiAsking(person);
    expect((await send("POST", "/border/encounters", tokens.officer, encounterOf(usaId, false))).status).toBe(
      201,
    );
    expect(await haitiFindsInUsa()).toBe(true);

    const refugee = await registerPerson(t.app, "USA", {
      ...haitian(),
      protection: { status: "refugee", from: ["CUB"] },
    });
    expect(
      (await send("POST", "/border/encounters", tokens.officer, encounterOf(refugee, true))).status,
    ).toBe(201);
    const record = await send("GET", `/registry/people/${refugee}`, tokens.caseworker);
    expect(record.body.protection).toEqual({ status: "refugee", from: ["CUB"] });
  });

  it("goes to the record a person was merged into", async () => {
    const person = haitian();
    const survivor = await registerPerson(t.app, "USA", person);
    const duplicate = await registerPerson(t.app, "USA", person, { overrideReason: "second office visit" });
    await t.database.asOwner((tx) =>
      tx
        .updateTable("registry_people")
        .set({ status: "merged", merged_into: survivor })
        .where("tenant_id", "=", "USA")
        .where("id", "=", duplicate)
        .execute(),
    );
    const recorded = await send("POST", "/border/encounters", tokens.officer, encounterOf(duplicate, true));
    expect(recorded.status, recorded.text).toBe(201);
    const record = await send("GET", `/registry/people/${survivor}`, tokens.caseworker);
    expect(record.body.protection).toEqual({ status: "asylum_seeker", from: ["HTI"] });
  });

  it("in an encounter file too; and a file naming another nation's person is refused whole, naming the line", async () => {
    const person = haitian();
    const usaId = await registerPerson(t.app, "USA", person);
    const mexId = await registerPerson(t.app, "MEX", haitian());
    const haitiFindsInUsa = await haitiAsking(person);
    const header = "date,demographic,citizenship,person_id,fear_claim";
    const upload = (name: string, rows: string[]) =>
      send(
        "POST",
        `/border/encounters/import?fileName=${name}`,
        tokens.officer,
        [header, ...rows, ""].join("\n"),
        {
          "content-type": "text/csv",
        },
      );

    const foreign = await upload("foreign.csv", [
      `2023-05-01,single_adult,HTI,${usaId},no`,
      `2023-05-02,single_adult,HTI,${mexId},yes`,
    ]);
    expect(foreign.status, foreign.text).toBe(400);
    expect(foreign.text).toMatch(/line 3/);
    expect(foreign.text).toMatch(/person_id/);
    expect(await haitiFindsInUsa()).toBe(true);

    const own = await upload("own.csv", [`2023-05-01,single_adult,HTI,${usaId},yes`]);
    expect(own.status, own.text).toBe(201);
    expect(await haitiFindsInUsa()).toBe(false);
  });
});
