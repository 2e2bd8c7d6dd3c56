import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { prepareAnswers } from "./answers.ts";
import { parseCatalog } from "./catalog.ts";
import { leavesOf } from "./questions.ts";
import { compileCatalog, type ScreenResult, screenCatalog } from "./screening.ts";

// Dated scenarios for every rule of the shipped example catalogue, each naming the instrument it follows. A
// scenario passes only if the catalogue still cites that instrument for the pathway.

const raw = JSON.parse(
  readFileSync(new URL("../../../packs/pathways/examples.json", import.meta.url), "utf8"),
);
const parsed = parseCatalog(raw);
if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
const catalog = parsed.catalog;
const compiled = compileCatalog(catalog);

function screen(pathway: string, answers: Record<string, unknown>, on: string): ScreenResult {
  const prepared = prepareAnswers(answers, compiled.questions);
  expect(prepared.problems).toEqual([]);
  const result = screenCatalog(compiled, prepared.answers, { on, lang: "en" }).find(
    (r) => r.pathway === pathway,
  );
  if (!result) throw new Error(`no pathway ${pathway}`);
  return result;
}

/** Everything the catalogue cites for a pathway: its sources, its status periods and its rules' sources. */
function citations(id: string): string {
  const p = catalog.pathways.find((x) => x.id === id);
  if (!p) return "";
  const rules = p.ruleSets.flatMap((s) => leavesOf(s.rules)).map((l) => l.source ?? "");
  return [...p.sources.map((s) => s.cite), ...p.statusHistory.map((s) => s.source), ...rules].join("\n");
}

interface Scenario {
  name: string;
  pathway: string;
  on: string;
  answers: Record<string, unknown>;
  result: ScreenResult["result"];
  status?: ScreenResult["status"];
  cites: string;
}

const IRREGULAR_VEN = "irregular_entry_MEX_PAN_USA_after_2022-10-19";
const IRREGULAR_CHN = "irregular_entry_MEX_PAN_USA_after_2023-01-09";
const venezuelan = {
  nationality: "VEN",
  current_country: "COL",
  sponsor_in_USA: true,
  has_valid_passport: true,
  status_elsewhere: ["none"],
  [IRREGULAR_VEN]: false,
  exclusions: ["none"],
};
const haitian = { ...venezuelan, nationality: "HTI", current_country: "HTI", [IRREGULAR_CHN]: false };
const inColombia = { nationality: "VEN", current_country: "COL", arrival_date: "2023-01-15", exclusions: [] };
const frp = {
  nationality: "GTM",
  current_country: "GTM",
  approved_family_petition: true,
  family_petition_category: "F4",
  frp_invitation: true,
  exclusions: ["none"],
};
const tps = {
  nationality: "VEN",
  current_country: "USA",
  arrival_date: "2023-05-01",
  "continuous_presence_USA_since_2023-10-03": true,
  exclusions: ["none"],
};

const scenarios: Scenario[] = [
  // CHNV
  {
    name: "CHNV: Venezuelans before 18 October 2022",
    pathway: "usa-sponsor-parole",
    on: "2022-10-17",
    answers: venezuelan,
    result: "not_eligible",
    status: "not_open_yet",
    cites: "87 FR 63507",
  },
  {
    name: "CHNV: Venezuelans from 18 October 2022",
    pathway: "usa-sponsor-parole",
    on: "2022-10-18",
    answers: venezuelan,
    result: "eligible",
    cites: "87 FR 63507",
  },
  {
    name: "CHNV: Haitians not before 6 January 2023",
    pathway: "usa-sponsor-parole",
    on: "2023-01-05",
    answers: haitian,
    result: "not_eligible",
    cites: "88 FR 1243",
  },
  {
    name: "CHNV: Haitians from 6 January 2023",
    pathway: "usa-sponsor-parole",
    on: "2023-01-06",
    answers: haitian,
    result: "eligible",
    cites: "88 FR 1243",
  },
  {
    name: "CHNV: Nicaraguans from 6 January 2023",
    pathway: "usa-sponsor-parole",
    on: "2023-06-01",
    answers: { ...haitian, nationality: "NIC" },
    result: "eligible",
    cites: "88 FR 1255",
  },
  {
    name: "CHNV: Cubans from 6 January 2023",
    pathway: "usa-sponsor-parole",
    on: "2023-06-01",
    answers: { ...haitian, nationality: "CUB" },
    result: "eligible",
    cites: "88 FR 1266",
  },
  {
    name: "CHNV: not from inside the United States",
    pathway: "usa-sponsor-parole",
    on: "2023-06-01",
    answers: { ...venezuelan, current_country: "USA" },
    result: "not_eligible",
    cites: "87 FR 63507",
  },
  {
    name: "CHNV: not for a dual national",
    pathway: "usa-sponsor-parole",
    on: "2023-06-01",
    answers: { ...venezuelan, status_elsewhere: ["dual_nationality"] },
    result: "not_eligible",
    cites: "dual national",
  },
  {
    name: "CHNV: not for a permanent resident elsewhere",
    pathway: "usa-sponsor-parole",
    on: "2023-06-01",
    answers: { ...venezuelan, status_elsewhere: ["permanent_residence"] },
    result: "not_eligible",
    cites: "permanent resident",
  },
  {
    name: "CHNV: not for a refugee elsewhere",
    pathway: "usa-sponsor-parole",
    on: "2023-06-01",
    answers: { ...venezuelan, status_elsewhere: ["refugee_status"] },
    result: "not_eligible",
    cites: "refugee status",
  },
  {
    name: "CHNV: not after an irregular entry after 19 October 2022 (Venezuelans)",
    pathway: "usa-sponsor-parole",
    on: "2023-06-01",
    answers: { ...venezuelan, [IRREGULAR_VEN]: true },
    result: "not_eligible",
    cites: "after 19 October 2022",
  },
  {
    name: "CHNV: not after an irregular entry after 9 January 2023 (Haitians)",
    pathway: "usa-sponsor-parole",
    on: "2023-06-01",
    answers: { ...haitian, [IRREGULAR_CHN]: true },
    result: "not_eligible",
    cites: "after 9 January 2023",
  },
  {
    name: "CHNV: a sponsor is required",
    pathway: "usa-sponsor-parole",
    on: "2023-06-01",
    answers: { ...venezuelan, sponsor_in_USA: false },
    result: "not_eligible",
    cites: "I-134A",
  },
  {
    name: "CHNV: suspended from 20 January 2025",
    pathway: "usa-sponsor-parole",
    on: "2025-02-15",
    answers: venezuelan,
    result: "not_eligible",
    status: "suspended",
    cites: "Executive Order 14165",
  },
  {
    name: "CHNV: ended on 25 March 2025",
    pathway: "usa-sponsor-parole",
    on: "2025-03-25",
    answers: haitian,
    result: "not_eligible",
    status: "closed",
    cites: "90 FR 13611",
  },
  // Safe Mobility (Colombia)
  {
    name: "Safe Mobility: not open before 19 June 2023",
    pathway: "usa-safe-mobility-col",
    on: "2023-06-18",
    answers: { ...inColombia, arrival_date: "2023-01-15" },
    result: "not_eligible",
    status: "not_open_yet",
    cites: "19 June 2023",
  },
  {
    name: "Safe Mobility: present in Colombia by 11 June 2023",
    pathway: "usa-safe-mobility-col",
    on: "2023-07-01",
    answers: inColombia,
    result: "eligible",
    cites: "11 June 2023",
  },
  {
    name: "Safe Mobility: arrived after 11 June 2023",
    pathway: "usa-safe-mobility-col",
    on: "2023-07-01",
    answers: { ...inColombia, arrival_date: "2023-06-12" },
    result: "not_eligible",
    cites: "11 June 2023",
  },
  {
    name: "Safe Mobility: suspended in 2025",
    pathway: "usa-safe-mobility-col",
    on: "2025-06-01",
    answers: inColombia,
    result: "not_eligible",
    status: "suspended",
    cites: "Executive Order 14163",
  },
  // Family reunification parole
  {
    name: "FRP: a sibling's petition (F4) with an invitation",
    pathway: "usa-family-reunification",
    on: "2024-01-10",
    answers: frp,
    result: "eligible",
    cites: "invitation from the National Visa Center",
  },
  {
    name: "FRP: immediate relatives are not eligible",
    pathway: "usa-family-reunification",
    on: "2024-01-10",
    answers: { ...frp, family_petition_category: "immediate_relative" },
    result: "not_eligible",
    cites: "INA § 201(b)(2)(A)(i)",
  },
  {
    name: "FRP: no invitation, no application",
    pathway: "usa-family-reunification",
    on: "2024-01-10",
    answers: { ...frp, frp_invitation: false },
    result: "not_eligible",
    cites: "invitation",
  },
  {
    name: "FRP: suspended from January 2025",
    pathway: "usa-family-reunification",
    on: "2025-06-01",
    answers: frp,
    result: "not_eligible",
    status: "suspended",
    cites: "Executive Order 14165",
  },
  // Seasonal agricultural work
  {
    name: "SAWP: Jamaica is a partner",
    pathway: "can-seasonal-agriculture",
    on: "2024-03-01",
    answers: { nationality: "JAM", date_of_birth: "1990-01-01", exclusions: [] },
    result: "eligible",
    cites: "Seasonal Agricultural Worker Program",
  },
  {
    name: "SAWP: Guatemala is not a partner",
    pathway: "can-seasonal-agriculture",
    on: "2024-03-01",
    answers: { nationality: "GTM", date_of_birth: "1990-01-01", exclusions: [] },
    result: "not_eligible",
    cites: "Trinidad and Tobago",
  },
  // TPS Venezuela
  {
    name: "TPS: resident since 31 July 2023 and present since 3 October 2023",
    pathway: "usa-temporary-protection-ven",
    on: "2023-11-01",
    answers: tps,
    result: "eligible",
    cites: "3 October 2023",
  },
  {
    name: "TPS: arrived after 31 July 2023",
    pathway: "usa-temporary-protection-ven",
    on: "2023-11-01",
    answers: { ...tps, arrival_date: "2023-08-01" },
    result: "not_eligible",
    cites: "31 July 2023",
  },
  {
    name: "TPS: not continuously present since 3 October 2023",
    pathway: "usa-temporary-protection-ven",
    on: "2023-11-01",
    answers: { ...tps, "continuous_presence_USA_since_2023-10-03": false },
    result: "not_eligible",
    cites: "continuous physical presence",
  },
  {
    name: "TPS: initial registration closed after 1 April 2024",
    pathway: "usa-temporary-protection-ven",
    on: "2024-04-02",
    answers: tps,
    result: "not_eligible",
    status: "closed",
    cites: "1 April 2024",
  },
  // ETPV Colombia
  {
    name: "ETPV: irregularly present by 31 January 2021",
    pathway: "col-temporary-status-ven",
    on: "2021-06-01",
    answers: { nationality: "VEN", current_country: "COL", arrival_date: "2021-01-10" },
    result: "eligible",
    cites: "31 January 2021",
  },
  {
    name: "ETPV: regular entry within the window",
    pathway: "col-temporary-status-ven",
    on: "2022-06-01",
    answers: {
      nationality: "VEN",
      current_country: "COL",
      arrival_date: "2022-03-01",
      entered_COL_regularly: true,
      regular_permit_COL: false,
    },
    result: "eligible",
    cites: "art. 4 num. 4",
  },
  {
    name: "ETPV: irregular entry after 31 January 2021 without a permit",
    pathway: "col-temporary-status-ven",
    on: "2022-06-01",
    answers: {
      nationality: "VEN",
      current_country: "COL",
      arrival_date: "2022-03-01",
      entered_COL_regularly: false,
      regular_permit_COL: false,
    },
    result: "not_eligible",
    cites: "Decreto 216 de 2021",
  },
  {
    name: "ETPV: RUMV not open before 5 May 2021",
    pathway: "col-temporary-status-ven",
    on: "2021-05-04",
    answers: { nationality: "VEN", current_country: "COL", arrival_date: "2021-01-10" },
    result: "not_eligible",
    status: "not_open_yet",
    cites: "Resolución 971 de 2021",
  },
  // Canada resettlement
  {
    name: "Resettlement: a refugee at risk outside Canada fits, by referral only",
    pathway: "can-resettlement-at-risk",
    on: "2024-06-01",
    answers: {
      recognised_refugee: true,
      vulnerabilities: ["woman_at_risk"],
      current_country: "COL",
      exclusions: [],
    },
    result: "eligible",
    cites: "s. 140.3",
  },
  {
    name: "Resettlement: not from inside Canada",
    pathway: "can-resettlement-at-risk",
    on: "2024-06-01",
    answers: {
      recognised_refugee: true,
      vulnerabilities: ["woman_at_risk"],
      current_country: "CAN",
      exclusions: [],
    },
    result: "not_eligible",
    cites: "s. 139(1)",
  },
];

describe("example catalogue scenarios, each with its instrument", () => {
  it.each(scenarios)("$name", (s) => {
    const result = screen(s.pathway, s.answers, s.on);
    expect(result.result, result.reasons.join("\n")).toBe(s.result);
    if (s.status) expect(result.status).toBe(s.status);
    expect(citations(s.pathway)).toContain(s.cites);
  });

  it("never answers eligible for a pathway on a day it is not open", () => {
    for (const on of ["2020-01-01", "2025-01-20", "2025-03-25", "2026-12-01"]) {
      for (const answers of [venezuelan, haitian, frp, tps, inColombia]) {
        const prepared = prepareAnswers(answers, compiled.questions).answers;
        for (const r of screenCatalog(compiled, prepared, { on, lang: "en" })) {
          if (r.status) expect(r.result).toBe("not_eligible");
        }
      }
    }
  });

  it("marks referral-only pathways and says how referral happens", () => {
    for (const id of ["can-resettlement-at-risk", "can-seasonal-agriculture"]) {
      const result = screen(id, {}, "2024-06-01");
      expect(result.access).toBe("referral");
      expect(result.reasons.at(-1)).toMatch(/only by referral/);
    }
    expect(screen("usa-family-reunification", {}, "2024-06-01").access).toBe("invitation");
  });

  it("gives TPS no capacity (no numerical cap), and every pathway a status, a review date and sources", () => {
    expect(catalog.pathways.find((p) => p.id === "usa-temporary-protection-ven")?.capacity).toBeUndefined();
    for (const p of catalog.pathways) {
      expect(p.status, p.id).toBeDefined();
      expect(p.lastVerified, p.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(p.sources.length, p.id).toBeGreaterThan(0);
    }
  });

  it("says what changed in January–March 2025 in every language", () => {
    const langs = ["es", "en", "pt", "fr", "ht"] as const;
    for (const id of ["usa-sponsor-parole", "usa-safe-mobility-col"]) {
      for (const lang of langs) {
        const prepared = prepareAnswers(venezuelan, compiled.questions).answers;
        const r = screenCatalog(compiled, prepared, { on: "2025-04-01", lang }).find((x) => x.pathway === id);
        expect(r?.reasons[0]).toMatch(/2025/);
        expect(r?.reasons[0]?.length).toBeGreaterThan(80);
      }
    }
  });
});

describe("Haitian Creole says parole as libète sou kondisyon", () => {
  it("never calls it pawòl in the catalogue or the portal's texts", () => {
    const portal = readFileSync(new URL("../../../web/src/i18n/portal/ht.json", import.meta.url), "utf8");
    const creole = catalog.pathways.flatMap((p) => [
      p.title.ht,
      p.summary.ht,
      ...p.documents.map((d) => d.ht),
    ]);
    for (const text of [portal, ...creole]) expect(text).not.toMatch(/pawòl|pawol/i);
    expect(catalog.pathways.find((p) => p.id === "usa-sponsor-parole")?.title.ht).toMatch(
      /libète sou kondisyon/i,
    );
  });
});
