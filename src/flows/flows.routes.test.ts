import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, userWithToken } from "../../test/harness.ts";
import { describeRoleMatrix } from "../../test/role-matrix.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

const header =
  "fiscal_year,month_grouping,month_abbv,component,land_border_region,area_of_responsibility,aor_abbv,demographic,citizenship,title_of_authority,encounter_type,encounter_count";

/** A small CBP AOR file: Venezuelans at the Southwest border, FY2021 and FY2022 Decembers and a January. */
function cbpFile(dec2020: number, dec2021: number, extra = ""): string {
  const row = (fy: number, month: string, aor: string, citizenship: string, n: number) =>
    `${fy},FYTD,${month},U.S. Border Patrol,Southwest Land Border,${aor},X,Single Adults,${citizenship},Title 8,Apprehensions,${n}`;
  return [
    header,
    row(2021, "DEC", "Del Rio Sector", "VENEZUELA", dec2020),
    row(2022, "DEC", "Del Rio Sector", "VENEZUELA", dec2021 - 801),
    row(2022, "DEC", "Yuma Sector", "VENEZUELA", 801),
    row(2022, "DEC", "Yuma Sector", "MEXICO", 1000),
    row(2022, "JAN", "Yuma Sector", '"CHINA, PEOPLES REPUBLIC OF"', 7),
    extra,
  ]
    .filter(Boolean)
    .join("\r\n");
}

let uploads = 0;
const upload = (token: string, body: string, query = "") =>
  t.request("POST", `/api/v1/flows/releases?name=test.csv${query}`, {
    token,
    body,
    headers: { "content-type": "text/csv" },
  });

interface Fixture {
  releaseId: string;
  otherReleaseId: string;
  token: string;
}

const fixtures = new Map<string, Promise<Fixture>>();

/** One release of the caller's nation and one of another nation, made once per nation (publishing twice is fine). */
function fixture(app: TestApp, nation: string): Promise<Fixture> {
  const made = fixtures.get(nation) ?? makeFixture(app, nation);
  fixtures.set(nation, made);
  return made;
}

async function makeFixture(app: TestApp, nation: string): Promise<Fixture> {
  // The secretariat's administrator is its regional_admin: REG users hold regional roles only.
  const own = await userWithToken(app, nation, [nation === "REG" ? "regional_admin" : "nation_admin"]);
  const other = await userWithToken(app, nation === "MEX" ? "USA" : "MEX", ["nation_admin"]);
  const file = () =>
    cbpFile(
      10,
      2000,
      `2021,FYTD,MAR,U.S. Border Patrol,Southwest Land Border,A,X,FMUA,PERU,Title 8,Apprehensions,${++uploads}`,
    );
  const id = async (r: Response) =>
    ((await r.json()) as { files: { releaseId: string }[] }).files[0]?.releaseId as string;
  const releaseId = await id(await upload(own.token, file(), `&label=fx${uploads}`));
  const otherReleaseId = await id(await upload(other.token, file(), `&label=fx${uploads}`));
  return { releaseId, otherReleaseId, token: own.token };
}

let body = 0;
describeRoleMatrix("flows", () => t, fixture, [
  {
    name: "GET /flows/releases",
    method: "GET",
    path: () => "/api/v1/flows/releases",
    permission: "flows.read",
    ok: 200,
  },
  {
    name: "POST /flows/releases",
    method: "POST",
    path: () => `/api/v1/flows/releases?source=generic&label=m${++body}`,
    body: () => `period,measure,value,state\n2024-0${(body % 9) + 1},presentations,${body},CHP\n`,
    permission: "flows.import",
    ok: 201,
  },
  {
    name: "POST /flows/releases/:id/publish",
    method: "POST",
    path: (fx) => `/api/v1/flows/releases/${fx.releaseId}/publish`,
    otherNationPath: (fx) => `/api/v1/flows/releases/${fx.otherReleaseId}/publish`,
    permission: "flows.publish",
    ok: 204,
  },
  {
    name: "GET /flows/series",
    method: "GET",
    path: () => "/api/v1/flows/series?source=cbp-aor",
    permission: "flows.read",
    ok: 200,
  },
  {
    name: "GET /flows/dimensions",
    method: "GET",
    path: () => "/api/v1/flows/dimensions?source=cbp-aor",
    permission: "flows.read",
    ok: 200,
  },
  {
    name: "GET /flows/surges",
    method: "GET",
    path: () => "/api/v1/flows/surges?source=cbp-aor",
    permission: "flows.read",
    ok: 200,
  },
  {
    name: "GET /flows/forecast",
    method: "GET",
    path: () => "/api/v1/flows/forecast?source=cbp-aor&horizon=2",
    permission: "flows.read",
    ok: 200,
  },
  {
    name: "GET /flows/events",
    method: "GET",
    path: () => "/api/v1/flows/events?citizenship_iso=VEN",
    permission: "flows.read",
    ok: 200,
  },
  {
    name: "GET /flows/revisions",
    method: "GET",
    path: (fx) => `/api/v1/flows/revisions?source=cbp-aor&from=${fx.releaseId}&to=${fx.releaseId}`,
    permission: "flows.read",
    ok: 200,
  },
]);

type Series = {
  series: { key: string | null; points: { period: string; value: number; yearBefore: number | null }[] }[];
};
const getJson = async <T>(token: string, url: string): Promise<T> => {
  const res = await t.request("GET", url, { token });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as T;
};

describe("flows releases and queries", () => {
  it("imports once, and the same file again changes nothing", async () => {
    const { token } = await userWithToken(t, "GTM", ["analyst"]);
    const text = cbpFile(206, 24801);
    const first = await upload(token, text, "&label=v1");
    expect(first.status).toBe(201);
    const again = await upload(token, text, "&label=v1-again");
    expect(again.status).toBe(200);
    const result = (await again.json()) as {
      changed: boolean;
      files: { status: string; releaseLabel: string }[];
    };
    expect(result.changed).toBe(false);
    expect(result.files[0]).toMatchObject({ status: "unchanged", releaseLabel: "v1" });
    const venezuelans = await getJson<Series>(
      token,
      "/api/v1/flows/series?source=cbp-aor&nation=GTM&filter=land_border_region%3DSouthwest%20Land%20Border&filter=citizenship_iso%3DVEN",
    );
    expect(venezuelans.series[0]?.points).toEqual([
      { period: "2020-12", value: 206, yearBefore: null, yoyChange: null },
      { period: "2021-12", value: 24801, yearBefore: 206, yoyChange: 24801 / 206 - 1 },
    ]);
  });

  it("rejects a bad file naming line and column, and writes nothing", async () => {
    const { token } = await userWithToken(t, "HND", ["analyst"]);
    const res = await upload(
      token,
      `${cbpFile(1, 2)}\n2022,FYTD,DEC,U.S. Border Patrol,Southwest Land Border,A,X,FMUA,PERU,Title 8,Apprehensions,many`,
    );
    expect(res.status).toBe(400);
    const error = (await res.json()) as { error: { message: string } };
    expect(error.error.message).toMatch(/test\.csv, line 7, field encounter_count \(column 12\)/);
    const releases = await getJson<{ releases: { nation: string }[] }>(token, "/api/v1/flows/releases");
    expect(releases.releases.filter((r) => r.nation === "HND")).toEqual([]);
  });

  it("keeps an unpublished upload to its nation and shows a published one to every partner", async () => {
    const slv = await userWithToken(t, "SLV", ["nation_admin"]);
    const reg = await userWithToken(t, "REG", ["analyst"]);
    const created = (await (await upload(slv.token, cbpFile(5, 1600), "&label=draft")).json()) as {
      files: { releaseId: string }[];
    };
    const id = created.files[0]?.releaseId as string;
    const url = "/api/v1/flows/series?source=cbp-aor&nation=SLV";
    expect((await getJson<Series>(slv.token, url)).series).toHaveLength(1);
    expect((await getJson<Series>(reg.token, url)).series).toEqual([]);
    expect(
      (await t.request("POST", `/api/v1/flows/releases/${id}/publish`, { token: slv.token })).status,
    ).toBe(204);
    const seen = await getJson<Series>(reg.token, `${url}&grain=year&yearType=fiscal`);
    expect(seen.series[0]?.points.map((p) => p.period)).toEqual(["FY2021", "FY2022"]);
  });

  it("lists the figures that changed between two releases, and reads the latest release by default", async () => {
    const { token } = await userWithToken(t, "PAN", ["nation_admin"]);
    await upload(token, cbpFile(100, 2000), "&label=r1");
    await upload(token, cbpFile(100, 2100), "&label=r2");
    const revisions = await getJson<{
      total: number;
      changes: { period: string; from: number; to: number; dims: Record<string, string> }[];
    }>(token, "/api/v1/flows/revisions?source=cbp-aor&from=r1&to=r2");
    expect(revisions.total).toBe(1);
    expect(revisions.changes[0]).toMatchObject({ period: "2021-12", from: 1199, to: 1299 });
    expect(revisions.changes[0]?.dims.area_of_responsibility).toBe("Del Rio Sector");
    const latest = await getJson<Series>(
      token,
      "/api/v1/flows/series?source=cbp-aor&nation=PAN&filter=citizenship_iso%3DVEN&from=2021-12&to=2021-12",
    );
    expect(latest.series[0]?.points[0]?.value).toBe(2100);
  });

  it("groups by a dimension, lists dimensions, and forecasts with intervals", async () => {
    const { token } = await userWithToken(t, "CRI", ["analyst"]);
    await upload(token, cbpFile(1, 3000), "&label=g1");
    const grouped = await getJson<Series>(
      token,
      "/api/v1/flows/series?source=cbp-aor&nation=CRI&groupBy=citizenship&from=2021-12&to=2021-12",
    );
    expect(grouped.series.map((s) => [s.key, s.points[0]?.value])).toEqual([
      ["VENEZUELA", 3000],
      ["MEXICO", 1000],
    ]);
    const dims = await getJson<{ dimensions: { name: string; values: { value: string }[] }[] }>(
      token,
      "/api/v1/flows/dimensions?source=cbp-aor",
    );
    expect(dims.dimensions.find((d) => d.name === "citizenship")?.values.map((v) => v.value)).toContain(
      "CHINA, PEOPLES REPUBLIC OF",
    );
    const forecast = await getJson<{ forecast: { month: string; lo95: number; hi95: number }[] }>(
      token,
      "/api/v1/flows/forecast?source=cbp-aor&nation=CRI&horizon=3",
    );
    expect(forecast.forecast.map((f) => f.month)).toEqual(["2022-02", "2022-03", "2022-04"]);
    expect(forecast.forecast.every((f) => f.lo95 <= f.hi95)).toBe(true);
  });

  it("answers the same from the rollups as from the figures", async () => {
    const { token } = await userWithToken(t, "CHL", ["analyst"]);
    await upload(token, cbpFile(206, 24801), "&label=rollups");
    const base =
      "/api/v1/flows/series?source=cbp-aor&nation=CHL&filter=land_border_region%3DSouthwest%20Land%20Border";
    // Two dimensions read a rollup; a third (true of every row here) makes the query read the figures.
    const rolled = await getJson<Series>(token, `${base}&groupBy=citizenship`);
    const figures = await getJson<Series>(
      token,
      `${base}&groupBy=citizenship&filter=component%3DU.S.%20Border%20Patrol`,
    );
    expect(rolled.series).toEqual(figures.series);
    expect(rolled.series.map((s) => [s.key, s.points.map((p) => p.value)])).toEqual([
      ["VENEZUELA", [206, 24801]],
      ["MEXICO", [1000]],
      ["CHINA, PEOPLES REPUBLIC OF", [7]],
    ]);
  });

  it("recomputes a stored forecast and surges when a new release revises the figures", async () => {
    const { token } = await userWithToken(t, "PER", ["nation_admin"]);
    await upload(token, cbpFile(100, 2000), "&label=f1");
    const url = "/api/v1/flows/forecast?source=cbp-aor&nation=PER&filter=citizenship_iso%3DVEN&horizon=1";
    type Forecast = { history: { month: string; value: number }[] };
    const before = await getJson<Forecast>(token, url);
    expect((await getJson<Forecast>(token, url)).history).toEqual(before.history);
    expect(before.history.find((h) => h.month === "2021-12")?.value).toBe(2000);
    await upload(token, cbpFile(100, 2600), "&label=f2");
    const after = await getJson<Forecast>(token, url);
    expect(after.history.find((h) => h.month === "2021-12")?.value).toBe(2600);
    const surges = await getJson<{ surges: { key: string | null; month: string; value: number }[] }>(
      token,
      "/api/v1/flows/surges?source=cbp-aor&nation=PER&groupBy=citizenship&recent=24",
    );
    expect(surges.surges).toContainEqual(
      expect.objectContaining({
        key: "VENEZUELA",
        month: "2021-12",
        value: 2600,
        change: 2500,
        // The court-ordered return of the Migrant Protection Protocols, in the same month as the surge.
        nearestEvent: expect.objectContaining({ date: "2021-12-06", monthsFrom: 0, jurisdiction: "USA" }),
      }),
    );
  });

  it("lists the policy events of the border packs, for everyone or one citizenship", async () => {
    type Events = { events: { date: string; kind: string; title: string; citizenships: string[] }[] };
    const { token } = await userWithToken(t, "MEX", ["analyst"]);
    const ven = await getJson<Events>(token, "/api/v1/flows/events?citizenship_iso=VEN");
    const dates = ven.events.map((e) => `${e.date} ${e.kind}`);
    expect(dates).toContain("2020-03-21 start");
    expect(dates).toContain("2023-05-11 end");
    expect(dates).toContain("2022-10-12 start");
    expect(ven.events.every((e) => e.citizenships.length === 0 || e.citizenships.includes("VEN"))).toBe(true);
    const cub = await getJson<Events>(token, "/api/v1/flows/events?citizenship_iso=CUB");
    expect(cub.events.map((e) => e.date)).not.toContain("2022-10-12");
    expect((await t.request("GET", "/api/v1/flows/events?citizenship_iso=venezuela", { token })).status).toBe(
      400,
    );
  });

  it("refuses publishing on import without flows.publish", async () => {
    const { token } = await userWithToken(t, "ECU", ["analyst"]);
    expect((await upload(token, cbpFile(1, 1000), "&publish=true")).status).toBe(403);
  });
});
