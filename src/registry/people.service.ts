import { defaultMatchModel, type PairScore, type Person, scorePair } from "../identity/index.ts";
import { recordAudit } from "../platform/audit/audit.ts";
import type { Scope } from "../platform/auth/scope.ts";
import { bindActions } from "../platform/bind-actions.ts";
import type { Tx } from "../platform/db/connect.ts";
import { inScope } from "../platform/db/scoped.ts";
import { AppError } from "../platform/errors.ts";
import { requireOffice } from "../platform/offices/offices.service.ts";
import type { Platform } from "../platform/platform.ts";
import { caseSummariesOf } from "./cases.store.ts";
import { type PersonExtras, presentPerson } from "./engine/person-presenter.ts";
import {
  displayName,
  normaliseRecord,
  personTerms,
  queryTerms,
  selectingTerms,
} from "./engine/person-record.ts";
import { membershipOf } from "./households.store.ts";
import { hashTerm, openPerson, type PersonKeys, sealPerson } from "./person-seal.codec.ts";
import { hasAName, NO_NAME, type PersonInput, type PersonView } from "./registry.contract.ts";
import {
  consentsOf,
  familyOf,
  findCandidates,
  findPerson,
  insertFamilyLink,
  insertPeople,
  type PersonRow,
} from "./registry.store.ts";
import { createRegistryText } from "./registry-text.service.ts";
import { insertReviewPair } from "./review.store.ts";

const model = defaultMatchModel();

/** A scored candidate: the stored row, its decrypted record and why it scored as it did. */
export interface ScoredCandidate {
  row: PersonRow;
  record: PersonInput;
  externalId: string | null;
  score: PairScore;
}

/** Decrypts candidate rows and scores each against the asked person, best first. */
export function scoreRows(keys: PersonKeys, asked: Person, rows: PersonRow[]): ScoredCandidate[] {
  return rows
    .map((row) => {
      const { person: record, externalId } = openPerson(keys.keyring, row);
      return { row, record, externalId, score: scorePair(model, asked, normaliseRecord(row.id, record)) };
    })
    .sort((a, b) => b.score.weight - a.score.weight);
}

/** Reasons worth showing: the fields that were compared. */
export function shownReasons(score: PairScore) {
  return score.reasons.filter((r) => r.agreement !== "missing");
}

/** What the people actions share, built once per service. */
function peopleDeps(platform: Platform, keys: PersonKeys) {
  const { db } = platform.database;
  const text = createRegistryText(keys.keyring);
  return { platform, keys, db, text };
}

type PeopleDeps = ReturnType<typeof peopleDeps>;

function hashAll(deps: PeopleDeps, terms: string[]) {
  const { keys } = deps;
  return terms.map((t) => hashTerm(keys, t));
}

async function extrasOf(deps: PeopleDeps, tx: Tx, scope: Scope, id: string): Promise<PersonExtras> {
  const { text } = deps;
  const cases = await caseSummariesOf(tx, scope, id);
  const consents = (await consentsOf(tx, scope, id)).map(({ given_by_enc, ...c }) => ({
    ...c,
    given_by: text.open("consentGivenBy", given_by_enc),
  }));
  return {
    household: await membershipOf(tx, scope, id),
    family: await familyOf(tx, scope, id),
    consents,
    cases,
  };
}

/** Searches the scope's people by name and date of birth through blind indexes; best first. */
export function searchPeople(
  deps: PeopleDeps,
  scope: Scope,
  query: { given?: string; surname?: string; dob?: string; document?: string },
  limit = 20,
) {
  const { db, keys } = deps;
  return inScope(db, scope, async (tx) => {
    const q = queryTerms(query);
    const rows = await findCandidates(
      tx,
      scope,
      {
        required: hashAll(deps, q.selecting),
        all: hashAll(deps, [...q.nameTerms, ...q.otherTerms, ...q.blockTerms]),
      },
      { limit: 300, nationWide: false },
    );
    const hits = scoreRows(keys, q.person, rows).slice(0, limit);
    await recordAudit(tx, scope, {
      action: "person.search",
      targetType: "person",
      details: {
        asked: Object.keys(query).filter((k) => query[k as keyof typeof query]),
        ids: hits.map((h) => h.row.id),
      },
    });
    return hits;
  });
}

/** Likely and possible duplicates of a person about to be registered, across the whole nation. */
export function checkDuplicates(deps: PeopleDeps, scope: Scope, input: PersonInput) {
  const { db, keys } = deps;
  return inScope(db, scope, (tx) => duplicateHints(tx, scope, keys, input));
}

/**
 * Registers a person. With likely or possible duplicates the caller must give a reason to go ahead; the
 * reason and each pair go to the review queue.
 */
export function createPerson(
  deps: PeopleDeps,
  scope: Scope,
  input: PersonInput & { overrideReason: string | null; officeId: string | null },
) {
  const { db, keys } = deps;
  return inScope(db, scope, (tx) => registerPerson(tx, scope, keys, input));
}

/** One person in reach, presented for the reader; the read is audited. */
export function getPerson(deps: PeopleDeps, scope: Scope, id: string): Promise<PersonView> {
  const { db, keys } = deps;
  return inScope(db, scope, async (tx) => {
    const row = await findPerson(tx, scope, id);
    if (!row) throw new AppError("NOT_FOUND", "person not found");
    const { person, externalId } = openPerson(keys.keyring, row);
    await recordAudit(tx, scope, { action: "person.read", targetType: "person", targetId: id });
    return presentPerson(scope, row, person, externalId, await extrasOf(deps, tx, scope, id));
  });
}

/** Links two people of the nation as family. */
export function linkFamily(deps: PeopleDeps, scope: Scope, id: string, relatedId: string, relation: string) {
  const { db } = deps;
  return inScope(db, scope, async (tx) => {
    if (!(await findPerson(tx, scope, id))) throw new AppError("NOT_FOUND", "person not found");
    if (!(await findPerson(tx, scope, relatedId)))
      throw new AppError("NOT_FOUND", "relatedId: no such person in your reach", { field: "relatedId" });
    await insertFamilyLink(tx, scope, id, relatedId, relation);
    await recordAudit(tx, scope, {
      action: "person.family.link",
      targetType: "person",
      targetId: id,
      details: { relatedId, relation },
    });
  });
}

/** People: search, search-before-create, registration and reading, every read audited. */
export function createPeopleService(platform: Platform, keys: PersonKeys) {
  return bindActions(peopleDeps(platform, keys), {
    search: searchPeople,
    checkDuplicates,
    createPerson,
    getPerson,
    linkFamily,
  });
}

/** Candidates for a person's record among the scope's people, scored, best first (`nationWide` ignores reach). */
async function candidatesFor(tx: Tx, scope: Scope, keys: PersonKeys, p: PersonInput, nationWide: boolean) {
  const hashAll = (terms: string[]) => terms.map((t) => hashTerm(keys, t));
  const plain = personTerms(p);
  const required = hashAll(selectingTerms(p));
  const rows = await findCandidates(tx, scope, { required, all: hashAll(plain) }, { limit: 200, nationWide });
  return scoreRows(keys, normaliseRecord("asked", p), rows);
}

/** Likely and possible duplicates of a person about to be registered, in the caller's transaction; audited. */
export async function duplicateHints(tx: Tx, scope: Scope, keys: PersonKeys, input: PersonInput) {
  const found = (await candidatesFor(tx, scope, keys, input, true)).filter(
    (c) => c.score.band !== "unlikely",
  );
  const visible = new Set(
    (await Promise.all(found.map((c) => findPerson(tx, scope, c.row.id)))).flatMap((r) => (r ? [r.id] : [])),
  );
  await recordAudit(tx, scope, {
    action: "person.check",
    targetType: "person",
    details: { candidates: found.map((c) => c.row.id) },
  });
  return found.slice(0, 10).map((c) => hintOf(c, visible.has(c.row.id)));
}

/**
 * Registers a person in the caller's transaction (the no-name rule, the office, search-before-create: with
 * likely or possible duplicates a reason is needed, and each pair goes to the review queue); audited.
 */
export async function registerPerson(
  tx: Tx,
  scope: Scope,
  keys: PersonKeys,
  input: PersonInput & { overrideReason: string | null; officeId: string | null },
) {
  const text = createRegistryText(keys.keyring);
  const { overrideReason, officeId, ...record } = input;
  if (!hasAName(record)) throw new AppError("BAD_INPUT", NO_NAME.message, { field: NO_NAME.field });
  if (officeId !== null) await requireOffice(tx, scope, officeId, "officeId");
  const found = (await candidatesFor(tx, scope, keys, record, true)).filter(
    (c) => c.score.band !== "unlikely",
  );
  if (found.length > 0 && !overrideReason) {
    throw new AppError(
      "CONFLICT",
      "possible duplicates found: review them or give a reason to register anyway",
      {
        candidates: found.slice(0, 10).map((c) => c.row.id),
      },
    );
  }
  const office = scope.reach === "office" ? scope.officeId : (officeId ?? scope.officeId);
  const [id] = await insertPeople(tx, scope, [
    { ...sealPerson(keys, record, null, scope.tenantId), office_id: office },
  ]);
  if (!id) throw new AppError("INTERNAL", "the person was not stored");
  for (const c of found) {
    await insertReviewPair(tx, scope, {
      personA: c.row.id,
      personB: id,
      probability: c.score.probability,
      band: c.score.band,
      reasons: JSON.stringify(shownReasons(c.score)),
      whyCreatedEnc: text.sealOrNull("reviewWhyCreated", overrideReason),
    });
  }
  await recordAudit(tx, scope, {
    action: "person.create",
    targetType: "person",
    targetId: id,
    details: { duplicatesOverridden: found.map((c) => c.row.id) },
  });
  return { id, duplicates: found.length };
}

function hintOf(c: ScoredCandidate, visible: boolean) {
  return {
    id: c.row.id,
    score: round(c.score.probability),
    band: c.score.band,
    reasons: shownReasons(c.score),
    visible,
    officeId: c.row.office_id,
    name: visible ? displayName(c.record) : null,
    birthDate: visible ? c.record.birthDate : null,
  };
}

/** A probability rounded for display. */
export function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}

export type PeopleService = ReturnType<typeof createPeopleService>;
