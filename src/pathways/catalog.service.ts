import { recordAudit } from "../platform/audit/audit.ts";
import type { Scope } from "../platform/auth/scope.ts";
import { bindActions } from "../platform/bind-actions.ts";
import type { Db, Tx } from "../platform/db/connect.ts";
import { inScope } from "../platform/db/scoped.ts";
import { AppError, failOnProblems, formatProblems } from "../platform/errors.ts";
import type { PathProblem } from "../shared/input-problem.ts";
import { type Catalog, type Pathway, parseCatalog } from "./engine/catalog.ts";
import type { Language } from "./engine/language.ts";
import { customQuestionTexts, questionText } from "./engine/question-texts.ts";
import { compileCatalog, prepareCatalogAnswers, questionsOn, screenCatalog } from "./engine/screening.ts";
import { sharedQuestionProblems } from "./engine/shared-questions.ts";
import { unstorableTextPaths } from "./engine/storable-json.ts";
import type { CatalogEntry } from "./pathways.contract.ts";
import {
  countPublished,
  findEntry,
  listEntries,
  listVersions,
  lockPublishedCatalogue,
  saveVersion,
  setPublished,
} from "./pathways.store.ts";
import {
  type CatalogDeps,
  catalogDeps,
  catalogToday,
  liveVersions,
  otherOwners,
  type PortalLog,
  parseStored,
  publishedCatalog,
} from "./published-catalog.service.ts";

export type { PublishedCatalog } from "./published-catalog.service.ts";

// Every published definition is loaded and compiled for the shared portal: far above what a pathway needs
// (the largest shipped example has about 4,400 characters), far below what would slow the portal for all.
const MAX_DEFINITION_CHARS = 100_000;

function assertDefinitionSize(definition: Record<string, unknown>): void {
  const size = JSON.stringify(definition).length;
  if (size <= MAX_DEFINITION_CHARS) return;
  throw new AppError(
    "PAYLOAD_TOO_LARGE",
    `definition: ${size} characters; a pathway definition may hold at most ${MAX_DEFINITION_CHARS}`,
    { field: "definition", max: MAX_DEFINITION_CHARS },
  );
}

/** A definition may repeat its pathway's id and nation, not name others (it is stored under the path's). */
function assertOwnIds(scope: Scope, id: string, definition: Record<string, unknown>): void {
  const problems = [];
  if (definition.id !== undefined && definition.id !== id) {
    problems.push({ field: "definition.id", message: `expected "${id}" (the pathway saved) or nothing` });
  }
  if (definition.nation !== undefined && String(definition.nation).trim().toUpperCase() !== scope.tenantId) {
    problems.push({
      field: "definition.nation",
      message: `expected "${scope.tenantId}" (a nation saves its own pathways) or nothing`,
    });
  }
  failOnProblems(problems, `pathway ${id} is invalid`);
}

/** Parses one pathway definition as its nation publishes it; problems are located inside the definition. */
export function parseDefinition(
  nation: string,
  id: string,
  definition: Record<string, unknown>,
): { ok: true; pathway: Pathway } | { ok: false; problems: PathProblem[] } {
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

/**
 * Refuses (409) pathways that cannot share the portal with every other published pathway: the check runs in the
 * caller's transaction, after `lockPublishedCatalogue`, so two nations publishing at once are checked in turn.
 */
async function assertShareable(
  tx: Tx,
  key: string,
  today: string,
  candidates: { label: string; pathway: Pathway }[],
): Promise<void> {
  const others = await otherOwners(tx, today, key);
  const problems = candidates.flatMap(({ label, pathway }) =>
    sharedQuestionProblems({ key, rules: pathway.ruleSets.map((s) => s.rules) }, others).map((p) => ({
      field: label ? `${label} ${p.path}` : p.path,
      message: p.message,
    })),
  );
  if (problems.length === 0) return;
  throw new AppError(
    "CONFLICT",
    `pathway ${key} cannot share the public portal with the pathways already published:\n${formatProblems(problems)}`,
    { problems: problems.slice(0, 20), total: problems.length },
  );
}

// Every version of the nation's pathway that is or will be in force, each to be checked on its own.
async function liveOf(deps: CatalogDeps, tx: Tx, scope: Scope, id: string) {
  const versions = (await listVersions(tx, scope)).filter((v) => v.pathway_id === id);
  return liveVersions(versions, catalogToday(deps)).flatMap((v) => {
    const parsed = parseStored({ ...v, tenant_id: scope.tenantId });
    return parsed.ok ? [{ label: `version ${v.version}`, pathway: parsed.pathway }] : [];
  });
}

/** The nation's pathways with their versions. */
export async function listPathways(deps: CatalogDeps, scope: Scope): Promise<CatalogEntry[]> {
  const { db } = deps;
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
        titles: pathway?.title ?? { es: e.id, en: e.id, pt: e.id, fr: e.id, ht: e.id },
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
}

/** Validates and stores a new version of a pathway; audited. */
export async function savePathwayVersion(
  deps: CatalogDeps,
  scope: Scope,
  id: string,
  definition: Record<string, unknown>,
  effectiveFrom: string,
) {
  const { db, memo } = deps;
  assertDefinitionSize(definition);
  assertOwnIds(scope, id, definition);
  failOnProblems(
    unstorableTextPaths(definition).map((field) => ({
      field,
      message: "holds a NUL or an unpaired surrogate, which cannot be stored",
    })),
    `pathway ${id} is invalid`,
  );
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
    await lockPublishedCatalogue(tx);
    // A new version of a published pathway reaches the portal as soon as it takes effect.
    if ((await findEntry(tx, scope, id))?.published) {
      await assertShareable(tx, `${scope.tenantId}:${id}`, catalogToday(deps), [
        { label: "", pathway: parsed.pathway },
      ]);
    }
    const v = await saveVersion(tx, scope, { id, definition: stored, effectiveFrom, capacity });
    await recordAudit(tx, scope, {
      action: "pathway.save",
      targetType: "pathway",
      targetId: id,
      details: { version: v, effectiveFrom },
    });
    return v;
  });
  memo.cache = undefined;
  return version;
}

/** Publishes or withdraws a pathway; audited. */
export async function publishPathway(
  deps: CatalogDeps,
  scope: Scope,
  id: string,
  isPublished: boolean,
): Promise<void> {
  const { db, maxPublished, memo } = deps;
  await inScope(db, scope, async (tx) => {
    await lockPublishedCatalogue(tx);
    const entry = await findEntry(tx, scope, id);
    if (!entry) throw new AppError("NOT_FOUND", "pathway not found");
    // Every nation's portal screens against every published pathway: one nation cannot flood it.
    if (isPublished && !entry.published && (await countPublished(tx, scope)) >= maxPublished) {
      throw new AppError(
        "CONFLICT",
        `your nation already publishes ${maxPublished} pathways, the most the shared portal takes from one nation; withdraw one first`,
      );
    }
    if (isPublished)
      await assertShareable(
        tx,
        `${scope.tenantId}:${id}`,
        catalogToday(deps),
        await liveOf(deps, tx, scope, id),
      );
    await setPublished(tx, scope, id, isPublished);
    await recordAudit(tx, scope, {
      action: isPublished ? "pathway.publish" : "pathway.unpublish",
      targetType: "pathway",
      targetId: id,
    });
  });
  memo.cache = undefined;
}

/** Screens sample answers against a draft definition without storing anything; 409 if it would clash. */
export async function previewPathway(
  deps: CatalogDeps,
  scope: Scope,
  input: {
    definition: Record<string, unknown>;
    answers: Record<string, unknown>;
    lang: Language;
    on?: string | undefined;
  },
) {
  const { db } = deps;
  assertDefinitionSize(input.definition);
  const id = typeof input.definition.id === "string" && input.definition.id ? input.definition.id : "draft";
  const parsed = parseDefinition(scope.tenantId, id, input.definition);
  if (!parsed.ok) return { valid: false, problems: parsed.problems, questions: [], results: [] };
  await inScope(db, scope, (tx) =>
    assertShareable(tx, `${scope.tenantId}:${id}`, catalogToday(deps), [
      { label: "", pathway: parsed.pathway },
    ]),
  );
  const catalog: Catalog = { pathways: [parsed.pathway] };
  const compiled = compileCatalog(catalog);
  const on = input.on ?? catalogToday(deps);
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
}

/** Catalogue editing, preview, and the compiled published catalogue the portal uses. */
export function createCatalogService(
  db: Db,
  clock: () => Date,
  options: { log?: PortalLog; maxPublishedPerNation?: number } = {},
) {
  return bindActions(catalogDeps(db, clock, options), {
    published: publishedCatalog,
    today: catalogToday,
    list: listPathways,
    save: savePathwayVersion,
    publish: publishPathway,
    preview: previewPathway,
  });
}

export type CatalogService = ReturnType<typeof createCatalogService>;
