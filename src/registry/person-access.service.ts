import { recordAudit } from "../platform/audit/audit.ts";
import type { Scope } from "../platform/auth/scope.ts";
import type { Keyring } from "../platform/crypto/keyring.ts";
import type { Tx } from "../platform/db/connect.ts";
import { AppError } from "../platform/errors.ts";
import { insertConsent } from "./crossmatch.store.ts";
import { displayName } from "./engine/person-record.ts";
import {
  bestEncodingMatch,
  encodeNameAndBirthDate,
  type ResidenceDocument,
  type ResidenceSubject,
  residenceDocumentOn,
} from "./engine/residence-answer.ts";
import { duplicateHints, registerPerson } from "./people.service.ts";
import { addDocumentToPerson, recordProtectionClaim } from "./people-edit.service.ts";
import { openPerson, regionalClkKeys } from "./person-seal.codec.ts";
import { type ConsentPurpose, type DocumentEntry, PersonInput } from "./registry.contract.ts";
import { findPerson } from "./registry.store.ts";
import { createRegistryText } from "./registry-text.service.ts";
import { nameDobEncodingsOf } from "./residence.store.ts";

// What other capabilities do with the registry's people, in their own transaction: check that a person they are
// given exists, propose a person and see the matches, register and link one, record a consent or a claim for
// protection, and read the little they may (a display name, the values a question encodes). Exported through
// index.ts; each function says what it audits and what the caller must check.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether a person with this id is registered in the scope's nation and within the scope's reach, in the
 * caller's transaction: how another capability checks a `personId` it is given before storing it.
 */
export async function personExistsInScope(tx: Tx, scope: Scope, personId: string): Promise<boolean> {
  return UUID.test(personId) && (await findPerson(tx, scope, personId)) !== undefined;
}

/**
 * The name and date of birth of a registered person in the caller's reach, for another capability that must
 * encode them (a prior-residence question about an encounter linked to the person): values leave the registry
 * only into that encoding. Undefined when the person is not in reach.
 */
export async function personIdentityForEncoding(
  tx: Tx,
  scope: Scope,
  keyring: Keyring,
  personId: string,
): Promise<{ givenNames: string; familyNames: string; birthDate: string | null } | undefined> {
  const row = UUID.test(personId) ? await findPerson(tx, scope, personId) : undefined;
  if (row?.status !== "active") return undefined;
  const { person } = openPerson(keyring, row);
  return {
    givenNames: person.givenNames.join(" "),
    familyNames: person.surnames.join(" "),
    birthDate: person.birthDate,
  };
}

/**
 * Records a claim for protection made about a registered person elsewhere (a fear claim at the border, an
 * application to a protection pathway): a person with no protection becomes an asylum seeker, shielded from
 * the nations of their nationalities, in the caller's transaction. The caller needs no right to read protection
 * details: the claim is a recorded act, not a reading.
 */
export async function recordProtectionRequest(
  tx: Tx,
  scope: Scope,
  keyring: Keyring,
  personId: string,
  reason: string,
): Promise<void> {
  await recordProtectionClaim(tx, scope, { keyring, clkKeys: regionalClkKeys(keyring) }, personId, reason);
}

const keysOf = (keyring: Keyring) => ({ keyring, clkKeys: regionalClkKeys(keyring) });

/** A person as another capability proposes them to the registry (the registry's defaults fill the rest). */
export type ProposedPerson = Partial<PersonInput>;

/** The proposed person with the registry's defaults, or 400 naming the first field the registry refuses. */
function proposed(person: ProposedPerson): PersonInput {
  const parsed = PersonInput.safeParse(person);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.join(".") ?? "person";
  throw new AppError("BAD_INPUT", `${field}: ${issue?.message ?? "not a person the registry takes"}`, {
    field,
  });
}

/**
 * The registry's duplicate check for a person another capability proposes, in the caller's transaction and the
 * scope's nation only: likely and possible matches with the reasons (names, birth date, nationality,
 * documents); names and birth dates only for people in the caller's reach. Audited as the registry's check.
 */
export function registryCandidates(tx: Tx, scope: Scope, keyring: Keyring, person: ProposedPerson) {
  return duplicateHints(tx, scope, keysOf(keyring), proposed(person));
}

/**
 * Registers a person another capability proposes, in the caller's transaction, by the registry's own rules
 * (the no-name rule, search-before-create with a reason to go past a match, the review queue, its audit).
 */
export function registerProposedPerson(
  tx: Tx,
  scope: Scope,
  keyring: Keyring,
  person: ProposedPerson,
  options: { overrideReason: string | null; officeId: string | null },
): Promise<{ id: string; duplicates: number }> {
  return registerPerson(tx, scope, keysOf(keyring), { ...proposed(person), ...options });
}

/**
 * Records a consent given elsewhere (the portal's consent step) on a person of the scope's nation, in the
 * caller's transaction: the row is dated when the consent was given, so a withdrawal recorded since stays in
 * force; audited as `consent.give` with where it came from.
 */
export async function recordGivenConsent(
  tx: Tx,
  scope: Scope,
  keyring: Keyring,
  personId: string,
  consent: { purpose: ConsentPurpose; givenBy: string; givenAt: Date; source: string },
): Promise<void> {
  if (!(await personExistsInScope(tx, scope, personId))) {
    throw new AppError("NOT_FOUND", "personId: no such person in your nation's registry", {
      field: "personId",
    });
  }
  await insertConsent(tx, {
    tenant_id: scope.tenantId,
    person_id: personId,
    purpose: consent.purpose,
    given: true,
    given_by_enc: createRegistryText(keyring).seal("consentGivenBy", consent.givenBy),
    recorded_by: scope.actorLabel,
    recorded_at: consent.givenAt,
  });
  await recordAudit(tx, scope, {
    action: "consent.give",
    targetType: "person",
    targetId: personId,
    details: { purpose: consent.purpose, givenAt: consent.givenAt.toISOString(), source: consent.source },
  });
}

/**
 * The display names of people of the scope's nation within its reach, decrypted, by id (an id not in reach is
 * left out). The caller checks that its reader may read people, and audits the read.
 */
export async function personNames(
  tx: Tx,
  scope: Scope,
  keyring: Keyring,
  personIds: readonly string[],
): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const id of personIds) {
    const row = UUID.test(id) ? await findPerson(tx, scope, id) : undefined;
    if (row) names.set(id, displayName(openPerson(keyring, row).person));
  }
  return names;
}

/**
 * The regional encoding of name and date of birth a prior-residence question carries (base64): the same keys and
 * fields as the registry's own `name_dob_clk`, so a partner's registry compares the two bit for bit.
 */
export function encodeResidenceQuestion(keyring: Keyring, subject: ResidenceSubject): string {
  return Buffer.from(encodeNameAndBirthDate(regionalClkKeys(keyring), subject)).toString("base64");
}

/** A partner's prior-residence question: the encoding, the nation asking, the day asked about. */
export interface ResidenceQuestion {
  encoding: string;
  asker: string;
  asOf: string;
}

/** The registry's finding for a question: who matched (an id of the answering nation), how well, what document. */
export interface ResidenceFinding {
  personId: string;
  similarity: number;
  /** The residence document the nation issued that was valid on the day asked about; null when none was. */
  document: ResidenceDocument | null;
}

/**
 * Finds the answer to a partner's prior-residence question in the scope's registry, in the caller's transaction
 * bound to the scope's nation: the question's encoding is matched against every active person's name-and-birth-date
 * encoding, leaving out in the same statement anyone shielded from the asking nation (a refugee or asylum seeker is
 * never confirmed to a nation they fled); only the best match is decrypted, to read the residence documents the
 * nation issued. `personId` (a reviewer's choice) limits the match to that person, who must still match. Audited
 * on the person as `person.residence.check` with the asking nation and the day. Null when nobody matches.
 */
export async function findResidence(
  tx: Tx,
  scope: Scope,
  keyring: Keyring,
  question: ResidenceQuestion,
  personId?: string,
): Promise<ResidenceFinding | null> {
  const answer = await residenceAnswerer(tx, scope, keyring, question.asker);
  return answer(question, personId);
}

/**
 * `findResidence` for many questions from one asking nation (a reviewer's inbox): the encodings the asker may be
 * answered about are read once, then each question is matched, decrypted and audited as `findResidence` does.
 */
export async function residenceAnswerer(tx: Tx, scope: Scope, keyring: Keyring, asker: string) {
  const candidates = (await nameDobEncodingsOf(tx, scope.tenantId, asker)).flatMap((r) =>
    r.name_dob_clk ? [{ id: r.id, encoding: new Uint8Array(r.name_dob_clk) }] : [],
  );
  return async (
    question: Pick<ResidenceQuestion, "encoding" | "asOf">,
    personId?: string,
  ): Promise<ResidenceFinding | null> => {
    const query = Buffer.from(question.encoding, "base64");
    if (query.length === 0) return null;
    const among = personId === undefined ? candidates : candidates.filter((c) => c.id === personId);
    const match = bestEncodingMatch(query, among);
    if (!match) return null;
    const row = await findPerson(tx, scope, match.candidate.id);
    if (!row) return null;
    const { person } = openPerson(keyring, row);
    const document = residenceDocumentOn(person.documents, scope.tenantId, question.asOf);
    await recordAudit(tx, scope, {
      action: "person.residence.check",
      targetType: "person",
      targetId: row.id,
      details: { asker, asOf: question.asOf, document: document !== null },
    });
    return { personId: row.id, similarity: Math.round(match.similarity * 1000) / 1000, document };
  };
}

/**
 * Adds a document to a person of the scope's nation, in the caller's transaction, as a correction kept in the
 * person's history and audited (`person.update`); a document the person already holds is not added twice
 * (false then). 404 naming `personId` for a person out of reach.
 */
export function addPersonDocument(
  tx: Tx,
  scope: Scope,
  keyring: Keyring,
  personId: string,
  document: DocumentEntry,
  reason: string,
): Promise<boolean> {
  if (!UUID.test(personId))
    throw new AppError("NOT_FOUND", "personId: no such person in your reach", { field: "personId" });
  return addDocumentToPerson(tx, scope, keysOf(keyring), personId, document, reason);
}
