import fs from "node:fs";
import path from "node:path";
import i18next from "i18next";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureOffice, fileApplication, publishPathway } from "../src/pathways/pathways.test-support.ts";
import { PERMISSIONS } from "../src/platform/auth/permissions.ts";
import { REFUSAL_REASONS } from "../src/shared/refusal.ts";
import { errorText, type ServerRefusal, type Translate } from "../web/src/error-text.ts";
import { root } from "./architecture-graph.ts";
import { startTestApp, type TestApp, userWithToken } from "./harness.ts";

// Refusals read in the user's language: real answers from the server (a missing permission, bad fields, a
// stage that cannot follow, a missing consent) rendered by the web app's one rule, in every staff language.

process.env.HEMISPHERE_PORTAL_POW_BITS = "4";
process.env.HEMISPHERE_PORTAL_APPLIES_PER_MIN = "0";
process.env.HEMISPHERE_PORTAL_NATION_APPLIES_PER_MIN = "0";

const LANGUAGES = ["es", "en", "pt", "fr", "ht"] as const;
const folder = path.join(root, "web/src/i18n");
const translator = i18next.createInstance();

async function speak(language: string): Promise<Translate> {
  await translator.changeLanguage(language);
  return translator.t as unknown as Translate;
}

let t: TestApp;
const answers = new Map<string, ServerRefusal>();

async function refusalOf(name: string, res: Response): Promise<void> {
  const body = (await res.json()) as { error: { code: string; message: string; details?: unknown } };
  answers.set(name, { status: res.status, ...body.error });
}

beforeAll(async () => {
  const resources = Object.fromEntries(
    LANGUAGES.map((code) => [
      code,
      { translation: JSON.parse(fs.readFileSync(path.join(folder, `${code}.json`), "utf8")) },
    ]),
  );
  await translator.init({
    resources,
    lng: "en",
    fallbackLng: "en",
    interpolation: { escapeValue: false },
    showSupportNotice: false,
  });
  t = await startTestApp();
  const registrar = (await userWithToken(t, "USA", ["registrar"])).token;
  const officer = (await userWithToken(t, "USA", ["pathway_officer"])).token;
  await refusalOf("permission", await t.request("GET", "/api/v1/border/encounters", { token: registrar }));
  await refusalOf(
    "fields",
    await t.request("POST", "/api/v1/registry/people", {
      token: registrar,
      body: { givenNames: 5, birthDate: "someday", sex: "q" },
    }),
  );
  await publishPathway(t.app.pathways, "USA", "usa-errors");
  await ensureOffice(t.app, "USA", "USA-41");
  const filed = await fileApplication(t.app.pathways, "USA", "usa-errors");
  const close = { stage: "closed", reason: "withdrawn by the applicant" };
  await t.request("POST", `/api/v1/pathways/applications/${filed.id}/stage`, { token: officer, body: close });
  await refusalOf(
    "stage",
    await t.request("POST", `/api/v1/pathways/applications/${filed.id}/stage`, {
      token: officer,
      body: { stage: "screening", reason: "reopened" },
    }),
  );
});
afterAll(async () => {
  await t?.close();
});

describe("a refusal in the user's language", () => {
  it("names the missing permission in words, never its code", async () => {
    const answer = answers.get("permission") as ServerRefusal;
    expect(answer.status).toBe(403);
    expect(answer.details).toMatchObject({ reason: "permission", params: { permission: "border.read" } });
    const texts = new Set<string>();
    for (const language of LANGUAGES) {
      const text = errorText(answer, await speak(language), language);
      expect(text).not.toContain("border.read");
      expect(text).toContain(translator.t("errors.permissions.border.read"));
      texts.add(text);
    }
    expect(texts.size).toBe(LANGUAGES.length);
    expect(errorText(answer, await speak("es"), "es")).toBe(
      "Sus funciones no lo permiten: hace falta el derecho a consultar los encuentros fronterizos.",
    );
  });

  it("lists bad fields by their names in words and what is wrong with each", async () => {
    const answer = answers.get("fields") as ServerRefusal;
    expect(answer.status).toBe(400);
    const pt = errorText(answer, await speak("pt"), "pt");
    expect(pt).toMatch(/^Verifique: /);
    expect(pt).toContain("nomes próprios: não é o tipo de valor esperado");
    expect(pt).not.toMatch(/body\.|Invalid input|expected/);
    const ht = errorText(answer, await speak("ht"), "ht");
    expect(ht).toContain("non: se pa kalite valè ki atann nan");
    expect(ht).not.toContain("givenNames");
  });

  it("says which stage cannot follow which, with the stages' labels", async () => {
    const answer = answers.get("stage") as ServerRefusal;
    expect(answer.status).toBe(409);
    expect(answer.details).toMatchObject({
      reason: "stage_transition",
      params: { from: "closed", to: "screening" },
    });
    const es = await speak("es");
    expect(errorText(answer, es, "es")).toBe(
      `Una solicitud en la etapa «${es("pages.pathways.stages.closed")}» no puede pasar a «${es("pages.pathways.stages.screening")}».`,
    );
    expect(errorText(answer, await speak("en"), "en")).toBe(
      "An application that is closed cannot become screening.",
    );
  });

  it("falls back to the code's sentence, and to the server's English only in English", async () => {
    const conflict: ServerRefusal = {
      status: 409,
      code: "CONFLICT",
      message: "the safeguard is closed already",
    };
    expect(errorText(conflict, await speak("en"), "en")).toBe("The safeguard is closed already");
    expect(errorText(conflict, await speak("fr"), "fr")).toBe(translator.t("errors.codes.CONFLICT"));
    const crash: ServerRefusal = {
      status: 500,
      code: "INTERNAL",
      message: "internal error",
      details: { requestId: "r-1" },
    };
    expect(errorText(crash, await speak("en"), "en")).toBe(
      "Something failed on the server; nothing was changed. Reference: r-1.",
    );
    expect(errorText({ status: 0, code: "NETWORK", message: "" }, await speak("ht"), "ht")).toBe(
      translator.t("errors.network"),
    );
  });

  it("names needs by their labels, and reads issues whatever shape a service gave their path", async () => {
    const flagged: ServerRefusal = {
      status: 409,
      code: "CONFLICT",
      message: "the outcome model trained on this history steers woman_at_risk away from places …",
      details: {
        reason: "flagged_model",
        params: { groups: "woman_at_risk,unaccompanied_child" },
        issues: [
          { field: "body.acknowledgeFlaggedModel", path: ["acknowledgeFlaggedModel"], message: "required" },
        ],
      },
    };
    const es = errorText(flagged, await speak("es"), "es");
    expect(es).toContain("mujer en riesgo, niño, niña o adolescente no acompañado");
    expect(es).not.toContain("woman_at_risk");
    const arrayPath: ServerRefusal = {
      status: 400,
      code: "BAD_INPUT",
      message: "bad",
      details: { issues: [{ field: "body.history", path: ["history"], message: "at least 50 rows" }] },
    };
    expect(errorText(arrayPath, await speak("fr"), "fr")).toBe(
      "Veuillez vérifier : historique des résultats passés: non valide.",
    );
  });

  it("has a sentence for every named refusal and a label for every permission in every language", async () => {
    for (const language of LANGUAGES) {
      await speak(language);
      for (const reason of REFUSAL_REASONS)
        expect(translator.exists(`errors.reasons.${reason}`), `${language} ${reason}`).toBe(true);
      for (const permission of PERMISSIONS)
        expect(translator.exists(`errors.permissions.${permission}`), `${language} ${permission}`).toBe(true);
    }
  });
});
