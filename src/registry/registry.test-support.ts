import { randomBytes } from "node:crypto";
import type { Application } from "../app.ts";
import { systemScope } from "../platform/auth/scope.ts";
import type { PersonInput } from "./registry.contract.ts";

const SYLLABLES = [
  "ka",
  "lo",
  "mi",
  "tzu",
  "ra",
  "ne",
  "xo",
  "pi",
  "da",
  "qu",
  "ve",
  "zo",
  "bri",
  "gal",
  "fen",
];

/** An invented name nobody else in a test database has. */
export function uniqueName(): string {
  const bytes = randomBytes(4);
  const word = [...bytes].map((b) => SYLLABLES[b % SYLLABLES.length]).join("");
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** A person with invented names, a date of birth and a document. */
export function personInput(overrides: Partial<PersonInput> = {}): PersonInput {
  return {
    givenNames: [uniqueName()],
    surnames: [uniqueName(), uniqueName()],
    aliases: [],
    sex: "F",
    birthDate: `19${50 + (randomBytes(1)[0]! % 50)}-0${1 + (randomBytes(1)[0]! % 9)}-1${randomBytes(1)[0]! % 9}`,
    birthDateAsWritten: "",
    birthPlace: "",
    nationalities: ["GTM"],
    documents: [
      {
        type: "passport",
        number: `DOC${randomBytes(4).toString("hex").toUpperCase()}`,
        typeAsWritten: "",
        issuingCountry: "GTM",
        validFrom: null,
        expiry: null,
      },
    ],
    phones: [],
    email: "",
    addresses: [],
    priorResidences: [],
    languages: ["es"],
    vulnerabilities: [],
    protection: { status: "none", from: [] },
    ...overrides,
  };
}

/** Registers a person directly through the service as a nation's system actor. */
export async function registerPerson(
  app: Application,
  nation: string,
  input: PersonInput = personInput(),
  options: { officeId?: string | null; overrideReason?: string } = {},
) {
  const scope = systemScope(nation, "test");
  const created = await app.registry.people.createPerson(scope, {
    ...input,
    officeId: options.officeId ?? null,
    overrideReason: options.overrideReason ?? null,
  });
  return created.id;
}

/** Records consent for a purpose as a nation's system actor. */
export function giveConsent(
  app: Application,
  nation: string,
  personId: string,
  purpose = "cross_border_referral" as const,
) {
  return app.registry.crossmatch.recordConsent(systemScope(nation, "test"), personId, {
    purpose,
    given: true,
    givenBy: "the person",
  });
}
