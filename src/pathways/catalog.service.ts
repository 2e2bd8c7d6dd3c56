import { recordAudit } from "../platform/audit/audit.ts";
import type { Scope } from "../platform/auth/scope.ts";
import type { Db } from "../platform/db/connect.ts";
import { inScope } from "../platform/db/scoped.ts";
import { AppError, failOnProblems } from "../platform/errors.ts";
import { type Catalog, type Pathway, parseCatalog } from "./catalog.ts";
import type { SchemaProblem } from "./catalog-schema.ts";
import type { Language } from "./language.ts";
import type { CatalogEntry } from "./pathways.contract.ts";
import { listEntries, listVersions, publishedVersions, saveVersion, setPublished } from "./pathways.store.ts";
import { customQuestionTexts, questionText } from "./question-texts.ts";
import type { CompiledCatalog } from "./screening.ts";
import { compileCatalog, prepareCatalogAnswers, questionsOn, screenCatalog } from "./screening.ts";

/** The catalogue the portal screens against: every published pathway's version in force, compiled once. */
export interface PublishedCatalog {
  catalog: Catalog;
  compiled: CompiledCatalog;
  /** Composite id "<nation>:<id>" → where the pathway lives and which version is in force. */
  keys: Map<string, { nation: string; id: string; version: number }>;
}

const REFRESH_MS = 5_000;

/** Parses one pathway definition as its nation publishes it; problems are located inside the definition. */
export function parseDefinition(
  nation: string,
  id: string,
  definition: Record<string, unknown>,
): { ok: true; pathway: Pathway } | { ok: false; problems: SchemaProblem[] } {
  const parsed = parseCatalog({ pathways: [{ ...definition, id, nation }] });
  if (!parsed.ok) {
    const problems = parsed.problems.map((p) => ({
      ...p,
      path: p.path.replace(/^pathways\[0\]\.?/, "") || "(root)",
    }));
    return { ok: false, problems };
  }
  const pathway = parsed.catalog.pathways[0];
  if (!pathway) throw new AppError("INTERNAL", "a parsed definition lost its pathway");
  return { ok: true, pathway };
}

function pickInForce<T extends { version: number; effective_from: string }>(versions: T[], today: string) {
  let found: T | undefined;
  for (const v of versions) if (v.effective_from <= today) found = v;
  return found;
}

/** Loads and compiles the published catalogue across nations (public data only). */
async function loadPublished(db: Db, today: string): Promise<PublishedCatalog> {
  const rows = await db.transaction().execute((tx) => publishedVersions(tx));
  const byPathway = new Map<string, typeof rows>();
  for (const row of rows) {
    const key = `${row.tenant_id}:${row.pathway_id}`;
    byPathway.set(key, [...(byPathway.get(key) ?? []), row]);
  }
  const inputs: unknown[] = [];
  const keys = new Map<string, { nation: string; id: string; version: number }>();
  for (const [key, versions] of byPathway) {
    const chosen = pickInForce(versions, today);
    if (!chosen) continue;
    const definition = (
      typeof chosen.definition === "string" ? JSON.parse(chosen.definition) : chosen.definition
    ) as object;
    inputs.push({ ...definition, id: key, nation: chosen.tenant_id });
    keys.set(key, { nation: chosen.tenant_id, id: chosen.pathway_id, version: chosen.version });
  }
  const parsed = parseCatalog({ pathways: inputs });
  if (!parsed.ok)
    throw new AppError("INTERNAL", `a published pathway no longer validates: ${parsed.problems[0]?.path}`);
  return { catalog: parsed.catalog, compiled: compileCatalog(parsed.catalog), keys };
}

/** Catalogue editing, preview, and the compiled published catalogue the portal uses. */
export function createCatalogService(db: Db, clock: () => Date) {
  let cache: { at: number; day: string; value: PublishedCatalog } | undefined;
  const today = () => clock().toISOString().slice(0, 10);
  const published = async (): Promise<PublishedCatalog> => {
    const now = clock().getTime();
    const day = today();
    if (cache && cache.day === day && now - cache.at < REFRESH_MS) return cache.value;
    const value = await loadPublished(db, day);
    cache = { at: now, day, value };
    return value;
  };
  return {
    published,
    today,
    /** The nation's pathways with their versions. */
    async list(scope: Scope): Promise<CatalogEntry[]> {
      return inScope(db, scope, async (tx) => {
        const [entries, versions] = [await listEntries(tx, scope), await listVersions(tx, scope)];
        return entries.map((e) => {
          const definition = (
            typeof e.definition === "string" ? JSON.parse(e.definition) : e.definition
          ) as Record<string, unknown>;
          const parsed = parseDefinition(e.tenant_id, e.id, definition);
          const pathway = parsed.ok ? parsed.pathway : undefined;
          return {
            id: e.id,
            nation: e.tenant_id,
            published: e.published,
            version: e.current_version,
            effectiveFrom: String(e.effective_from),
            title: pathway?.title.en ?? e.id,
            type: pathway?.type ?? null,
            example: pathway?.example ?? false,
            capacity: pathway?.capacity ?? null,
            definition,
            versions: versions
              .filter((v) => v.pathway_id === e.id)
              .map((v) => ({
                version: v.version,
                effectiveFrom: String(v.effective_from),
                createdBy: v.created_by,
              })),
          };
        });
      });
    },
    /** Validates and stores a new version of a pathway; audited. */
    async save(scope: Scope, id: string, definition: Record<string, unknown>, effectiveFrom: string) {
      const parsed = parseDefinition(scope.tenantId, id, definition);
      if (!parsed.ok) {
        failOnProblems(
          parsed.problems.map((p) => ({ field: p.path, message: p.message })),
          `pathway ${id} is invalid`,
        );
        throw new AppError("BAD_INPUT", "invalid pathway");
      }
      const capacity = parsed.pathway.capacity ?? null;
      const stored = { ...definition, id, nation: scope.tenantId };
      const version = await inScope(db, scope, async (tx) => {
        const v = await saveVersion(tx, scope, { id, definition: stored, effectiveFrom, capacity });
        await recordAudit(tx, scope, {
          action: "pathway.save",
          targetType: "pathway",
          targetId: id,
          details: { version: v, effectiveFrom },
        });
        return v;
      });
      cache = undefined;
      return version;
    },
    /** Publishes or withdraws a pathway; audited. */
    async publish(scope: Scope, id: string, isPublished: boolean): Promise<void> {
      await inScope(db, scope, async (tx) => {
        if (!(await setPublished(tx, scope, id, isPublished)))
          throw new AppError("NOT_FOUND", "pathway not found");
        await recordAudit(tx, scope, {
          action: isPublished ? "pathway.publish" : "pathway.unpublish",
          targetType: "pathway",
          targetId: id,
        });
      });
      cache = undefined;
    },
    /** Screens sample answers against a draft definition without storing anything. */
    preview(
      scope: Scope,
      input: {
        definition: Record<string, unknown>;
        answers: Record<string, unknown>;
        lang: Language;
        on?: string | undefined;
      },
    ) {
      const id =
        typeof input.definition.id === "string" && input.definition.id ? input.definition.id : "draft";
      const parsed = parseDefinition(scope.tenantId, id, input.definition);
      if (!parsed.ok) return { valid: false, problems: parsed.problems, questions: [], results: [] };
      const catalog: Catalog = { pathways: [parsed.pathway] };
      const compiled = compileCatalog(catalog);
      const on = input.on ?? today();
      const custom = customQuestionTexts(catalog);
      const questions = questionsOn(catalog, on).map((q) => ({
        id: q.id,
        type: q.type,
        text: questionText(q.id, input.lang, custom),
      }));
      const { answers, problems } = prepareCatalogAnswers(compiled, input.answers);
      if (problems.length > 0) return { valid: true, problems, questions, results: [] };
      return {
        valid: true,
        problems: [],
        questions,
        results: screenCatalog(compiled, answers, { on, lang: input.lang }),
      };
    },
  };
}

export type CatalogService = ReturnType<typeof createCatalogService>;
