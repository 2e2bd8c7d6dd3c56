import { recordAudit } from "../platform/audit/audit.ts";
import type { Scope } from "../platform/auth/scope.ts";
import { bindActions } from "../platform/bind-actions.ts";
import { decryptField } from "../platform/crypto/field-crypto.ts";
import type { Keyring } from "../platform/crypto/keyring.ts";
import type { Db, Tx } from "../platform/db/connect.ts";
import { inScope } from "../platform/db/scoped.ts";
import { AppError } from "../platform/errors.ts";
import {
  type ProposedPerson,
  personExistsInScope,
  personNames,
  registerProposedPerson,
  registryCandidates,
} from "../registry/index.ts";
import { type ApplicationRow, findApplication } from "./applications.store.ts";
import { countryCodesOf } from "./engine/answers.ts";
import { ANSWERS_CONTEXT, NAME_CONTEXT } from "./engine/field-contexts.ts";
import { linkApplication } from "./person-link.service.ts";
import type {
  ApplicationRegistryView,
  RegistryCandidates,
  RegistryLinkResult,
  RegistryRegisterRequest,
} from "./registry-link.contract.ts";
import { refuseErased } from "./workflow.service.ts";

type Proposed = {
  givenNames: string[];
  surnames: string[];
  birthDate: string | null;
  nationalities: string[];
};

/**
 * The applicant's names as the registry takes them, from the one name the portal asks: one word is a surname;
 * two or three, the last is the surname; four or more, the last two are (a double surname). The officer may
 * correct them before registering.
 */
export function splitFullName(fullName: string | null): { givenNames: string[]; surnames: string[] } {
  const words = (fullName ?? "")
    .split(/\s+/)
    .map((w) => w.slice(0, 200))
    .filter((w) => w !== "");
  if (words.length === 0) return { givenNames: [], surnames: [] };
  if (words.length === 1) return { givenNames: [], surnames: words };
  const cut = words.length >= 4 ? words.length - 2 : words.length - 1;
  const surnames = words.slice(cut);
  // The registry keeps at most six given names: the rest of a very long name stays with the first given names.
  const given = words.slice(0, cut);
  const givenNames = given.length > 6 ? [...given.slice(0, 5), given.slice(5).join(" ")] : given;
  return { givenNames, surnames };
}

/** What an application tells the registry about its applicant: name, birth date and nationalities as answered. */
export function proposedApplicant(keyring: Keyring, app: ApplicationRow): Proposed {
  const fullName = app.full_name_enc ? decryptField(keyring, app.full_name_enc, NAME_CONTEXT) : null;
  const answers = app.answers_enc
    ? (JSON.parse(decryptField(keyring, app.answers_enc, ANSWERS_CONTEXT)) as Record<string, unknown>)
    : {};
  const dob = answers.date_of_birth;
  const nationality = answers.nationality;
  return {
    ...splitFullName(fullName),
    birthDate: typeof dob === "string" && /^\d{4}-\d{2}-\d{2}$/.test(dob) ? dob : null,
    nationalities: countryCodesOf(nationality),
  };
}

const iso = (d: Date | null) => (d === null ? null : new Date(d).toISOString());

/** The household shown on an application; a person in no household is a household of one. */
export type HouseholdLookup = (
  tx: Tx,
  scope: Scope,
  keyring: Keyring,
  personId: string,
) => Promise<
  | {
      id: string;
      principalId: string;
      members: { personId: string; relationship: string; specificNeeds: string[] }[];
    }
  | undefined
>;

/** What the registryLink actions share, built once per service. */
function registryLinkDeps(
  db: Db,
  keyring: Keyring,
  householdOf: HouseholdLookup,
  clock: () => Date = () => new Date(),
) {
  return { db, keyring, householdOf, clock };
}

type RegistryLinkDeps = ReturnType<typeof registryLinkDeps>;

/** The application in the scope's nation or 404 naming the path's `id`. */
async function requireApplication(tx: Tx, scope: Scope, id: string, forUpdate = false) {
  const app = await findApplication(tx, scope, id, forUpdate);
  if (!app) throw new AppError("NOT_FOUND", "id: no such application in your nation", { field: "id" });
  return app;
}

function requirePeopleReader(scope: Scope) {
  if (!scope.permissions.has("person.read")) {
    throw new AppError("FORBIDDEN", "this needs the person.read permission: it shows registry people");
  }
}

function refuseLinked(app: ApplicationRow) {
  if (app.person_id !== null) {
    throw new AppError("CONFLICT", "this application is already linked to a registry person", {
      reason: "linked",
      personId: app.person_id,
    });
  }
}

/** Links, records the consent when given, applies the shield, and audits both sides (in the caller's tx). */
async function linkApplicant(
  deps: RegistryLinkDeps,
  tx: Tx,
  scope: Scope,
  app: ApplicationRow,
  personId: string,
  created: boolean,
): Promise<RegistryLinkResult> {
  const { keyring, clock } = deps;
  const { recordedAt } = await linkApplication(tx, scope, keyring, app, personId, {
    via: created ? "registry_new" : "registry_match",
    at: clock(),
  });
  return {
    applicationId: app.id,
    personId,
    created,
    consent: { givenAt: iso(app.portal_consent_at), recordedAt: iso(recordedAt) },
  };
}

/** Registry people who may be the applicant of a not yet linked application, with the reasons; audited. */
export async function applicantCandidates(
  deps: RegistryLinkDeps,
  scope: Scope,
  id: string,
): Promise<RegistryCandidates> {
  const { db, keyring } = deps;
  requirePeopleReader(scope);
  return inScope(db, scope, async (tx) => {
    const app = await requireApplication(tx, scope, id);
    refuseErased(app);
    refuseLinked(app);
    const proposed = proposedApplicant(keyring, app);
    const hasName = proposed.givenNames.length + proposed.surnames.length > 0;
    const hints = hasName ? await registryCandidates(tx, scope, keyring, proposed) : [];
    await recordAudit(tx, scope, {
      action: "pathway.application.registry_match",
      targetType: "pathway_application",
      targetId: id,
      details: { candidates: hints.map((h) => h.id) },
    });
    return {
      applicationId: id,
      proposed,
      // Only people the reader may see, and so only of the reader's nation: the registry searches no other.
      candidates: hints
        .filter((h) => h.visible)
        .map(({ id: pid, score, band, reasons, name, birthDate, officeId }) => ({
          id: pid,
          score,
          band,
          reasons,
          name,
          birthDate,
          officeId,
        })),
    };
  });
}

/** Confirms that a registry person of the nation is the applicant: links, records consent, shields. */
export async function confirmApplicant(
  deps: RegistryLinkDeps,
  scope: Scope,
  id: string,
  personId: string,
): Promise<RegistryLinkResult> {
  const { db } = deps;
  requirePeopleReader(scope);
  return inScope(db, scope, async (tx) => {
    const app = await requireApplication(tx, scope, id, true);
    refuseErased(app);
    refuseLinked(app);
    if (!(await personExistsInScope(tx, scope, personId))) {
      throw new AppError("NOT_FOUND", "personId: no such person in your nation's registry", {
        field: "personId",
      });
    }
    return linkApplicant(deps, tx, scope, app, personId, false);
  });
}

/** Registers the applicant as a new registry person from the application's data and links them. */
export async function registerApplicant(
  deps: RegistryLinkDeps,
  scope: Scope,
  id: string,
  input: RegistryRegisterRequest,
): Promise<RegistryLinkResult> {
  const { db, keyring } = deps;
  requirePeopleReader(scope);
  return inScope(db, scope, async (tx) => {
    const app = await requireApplication(tx, scope, id, true);
    refuseErased(app);
    refuseLinked(app);
    const proposed = proposedApplicant(keyring, app);
    const person: ProposedPerson = {
      givenNames: input.givenNames ?? proposed.givenNames,
      surnames: input.surnames ?? proposed.surnames,
      birthDate: input.birthDate !== undefined ? input.birthDate : proposed.birthDate,
      nationalities: proposed.nationalities,
      sex: input.sex ?? null,
    };
    const { id: personId } = await registerProposedPerson(tx, scope, keyring, person, {
      overrideReason: input.overrideReason ?? null,
      officeId: input.officeId ?? null,
    });
    return linkApplicant(deps, tx, scope, app, personId, true);
  });
}

/** The application's registry side: the linked person, the consent, the household; audited as a read. */
export function registrySideOf(
  deps: RegistryLinkDeps,
  scope: Scope,
  id: string,
): Promise<ApplicationRegistryView> {
  const { db, householdOf, keyring } = deps;
  return inScope(db, scope, async (tx) => {
    const app = await requireApplication(tx, scope, id);
    const personId = app.person_id;
    let household: ApplicationRegistryView["household"] = null;
    if (personId !== null) {
      const found = await householdOf(tx, scope, keyring, personId);
      const members = found?.members ?? [{ personId, relationship: "principal", specificNeeds: [] }];
      const names = scope.permissions.has("person.read")
        ? await personNames(
            tx,
            scope,
            keyring,
            members.map((m) => m.personId),
          )
        : new Map<string, string>();
      household = {
        id: found?.id ?? null,
        principalId: found?.principalId ?? personId,
        members: members.map((m) => ({
          personId: m.personId,
          relationship: m.relationship,
          specificNeeds: [...m.specificNeeds],
          name: names.get(m.personId) ?? null,
        })),
      };
    }
    await recordAudit(tx, scope, {
      action: "pathway.application.registry_read",
      targetType: "pathway_application",
      targetId: id,
      details: {
        personId,
        household: household?.id ?? null,
        members: household?.members.map((m) => m.personId) ?? [],
        names: household?.members.some((m) => m.name !== null) ?? false,
      },
    });
    return {
      applicationId: id,
      personId,
      linkedAt: iso(app.linked_at),
      consent: { givenAt: iso(app.portal_consent_at), recordedAt: iso(app.registry_consent_at) },
      household,
    };
  });
}

/**
 * Matching an application to the registry and linking it: candidates with reasons, confirming one, or
 * registering the applicant as a new person; the portal's consent is recorded on the person when linked.
 */
export function createRegistryLinkService(
  db: Db,
  keyring: Keyring,
  householdOf: HouseholdLookup,
  clock: () => Date = () => new Date(),
) {
  return bindActions(registryLinkDeps(db, keyring, householdOf, clock), {
    candidates: applicantCandidates,
    confirm: confirmApplicant,
    register: registerApplicant,
    view: registrySideOf,
  });
}

export type RegistryLinkService = ReturnType<typeof createRegistryLinkService>;
