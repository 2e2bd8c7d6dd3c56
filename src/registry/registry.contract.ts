import { z } from "zod";
import { SharingPurpose } from "../platform/agreements/agreements.contract.ts";
import { trimmedText } from "../platform/contract/primitives.contract.ts";
import { LEGACY_SPECIFIC_NEEDS, SPECIFIC_NEEDS } from "../shared/specific-needs.ts";
import { DOCUMENT_TYPES, DocumentType } from "./document-types.contract.ts";
import { PersonHousehold } from "./households.contract.ts";
import { hasAName, NO_NAME } from "./person-name.contract.ts";
import { NO_PROTECTION, Protection } from "./protection.contract.ts";

/**
 * A person's specific needs, from the vocabulary shared with pathways and placement (`src/shared/specific-needs.ts`).
 * The codes earlier versions of the registry wrote are still accepted and stored as their current code. The API
 * field keeps its name, `vulnerabilities`, so clients keep working.
 */
export const Vulnerability = z.enum([
  ...SPECIFIC_NEEDS,
  ...(Object.keys(LEGACY_SPECIFIC_NEEDS) as [string, ...string[]]),
]);
/** A specific need as the registry answers it: always a current code of the shared vocabulary. */
export const SpecificNeedCode = z.enum(SPECIFIC_NEEDS);
const NEEDS_MAX = SPECIFIC_NEEDS.length;

/** What a person's data may be used or shared for; nothing leaves a nation without consent for its purpose. */
export const ConsentPurpose = SharingPurpose.extract([
  "cross_border_referral",
  "pathway_application",
  "family_tracing",
]);
export type ConsentPurpose = z.infer<typeof ConsentPurpose>;

const Text = trimmedText(1, 200);
const Country = z
  .string()
  .trim()
  .regex(/^[A-Z]{2,3}$/, "a 2- or 3-letter country code");
/** True when a yyyy, yyyy-mm or yyyy-mm-dd text names a month and a day that exist. */
export function isCalendarDate(text: string): boolean {
  const [year, month, day] = text.split("-").map(Number);
  if (month === undefined) return true;
  if (month < 1 || month > 12) return false;
  return day === undefined || (day >= 1 && day <= new Date(Date.UTC(year ?? 0, month, 0)).getUTCDate());
}

const PartialDate = z
  .string()
  .trim()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, "yyyy, yyyy-mm or yyyy-mm-dd")
  .refine(isCalendarDate, "there is no such month or day")
  .refine((d) => d >= "0001", "a year from 0001");

/** A date of birth: a real date (or year-month, or year) from 1880 to today. */
const BirthDate = PartialDate.refine((d) => Number(d.slice(0, 4)) >= 1880, "a year from 1880").refine(
  (d) => d <= new Date().toISOString().slice(0, d.length),
  "a date of birth cannot be in the future",
);

export { DOCUMENT_TYPES, DocumentType };

export const DocumentEntry = z.object({
  type: DocumentType,
  /** The free text an earlier record gave as its type, kept when it was read as a listed type or `other`. */
  typeAsWritten: trimmedText(0, 200).default(""),
  number: Text,
  /** The issuing nation. */
  issuingCountry: Country.nullable().default(null),
  /** Valid from (yyyy, yyyy-mm or yyyy-mm-dd). */
  validFrom: PartialDate.nullable().default(null),
  /** Valid until. */
  expiry: PartialDate.nullable().default(null),
});
export type DocumentEntry = z.infer<typeof DocumentEntry>;

/** A document number as entered: letters, digits and separators (space . / -), 4 to 30 letters and digits. */
const DocumentNumber = z
  .string()
  .trim()
  .max(60)
  .regex(/^[A-Za-z0-9][A-Za-z0-9 ./-]*$/, "letters, digits, space . / - only")
  .refine((v) => {
    const n = v.replace(/[ ./-]/g, "").length;
    return n >= 4 && n <= 30;
  }, "4 to 30 letters and digits");

/** A document as a registrar enters it (the stored form, `DocumentEntry`, may come back masked). */
export const DocumentInput = DocumentEntry.extend({ number: DocumentNumber }).refine(
  (d) => d.validFrom === null || d.expiry === null || d.validFrom <= d.expiry.padEnd(d.validFrom.length, "9"),
  { path: ["expiry"], message: "valid until cannot be before valid from" },
);

/** A phone number: an optional +, digits and separators, 7 to 15 digits (the E.164 limit). */
const PhoneNumber = z
  .string()
  .trim()
  .max(40)
  .regex(/^\+?[0-9 ().-]+$/, "an optional +, digits, spaces and ( ) . - only")
  .refine((v) => {
    const n = v.replace(/\D/g, "").length;
    return n >= 7 && n <= 15;
  }, "7 to 15 digits");

export const AddressEntry = z.object({
  line: trimmedText(0, 300).default(""),
  city: trimmedText(0, 120).default(""),
  region: trimmedText(0, 120).default(""),
  postcode: trimmedText(0, 20).default(""),
  country: Country.nullable().default(null),
});

export const PriorResidence = z.object({
  country: Country,
  from: PartialDate.nullable().default(null),
  to: PartialDate.nullable().default(null),
  permitType: trimmedText(0, 100).nullable().default(null),
  evidence: trimmedText(0, 300).nullable().default(null),
});

/**
 * A person as a registrar enters them, and as the registry holds them once decrypted (every default applied):
 * the one shape of a person's data in the registry's code. The others on the request path each exist for one
 * reason: identity's `Person` (normalised for comparison, built only to score duplicates and encode), the
 * codec's `SealedPerson` (the columns written, nothing personal in clear), the store's `PersonRow` (the row read
 * back) and `PersonView` (what leaves the server for one reader).
 */
export const PersonInput = z.object({
  givenNames: z.array(Text).max(6).default([]),
  surnames: z.array(Text).max(4).default([]),
  aliases: z.array(Text).max(10).default([]),
  sex: z.enum(["F", "M", "X"]).nullable().default(null),
  birthDate: BirthDate.nullable().default(null),
  /** The date as an import wrote it when that was not fully readable (kept for a person to correct). */
  birthDateAsWritten: trimmedText(0, 40).default(""),
  birthPlace: trimmedText(0, 200).default(""),
  nationalities: z.array(Country).max(4).default([]),
  documents: z.array(DocumentInput).max(10).default([]),
  phones: z.array(PhoneNumber).max(6).default([]),
  email: trimmedText(0, 200).default(""),
  addresses: z.array(AddressEntry).max(6).default([]),
  priorResidences: z.array(PriorResidence).max(10).default([]),
  languages: z.array(Text).max(10).default([]),
  vulnerabilities: z.array(Vulnerability).max(NEEDS_MAX).default([]),
  protection: Protection.default(NO_PROTECTION),
});
export type PersonInput = z.infer<typeof PersonInput>;

/** Fields a registrar may correct on a person already registered, with the reason; a field left out is kept. */
export const PersonEdit = z.object({
  givenNames: z.array(Text).max(6).optional(),
  surnames: z.array(Text).max(4).optional(),
  aliases: z.array(Text).max(10).optional(),
  sex: z.enum(["F", "M", "X"]).nullable().optional(),
  birthDate: BirthDate.nullable().optional(),
  birthPlace: trimmedText(0, 200).optional(),
  nationalities: z.array(Country).max(4).optional(),
  documents: z.array(DocumentInput).max(10).optional(),
  phones: z.array(PhoneNumber).max(6).optional(),
  email: trimmedText(0, 200).optional(),
  addresses: z.array(AddressEntry).max(6).optional(),
  priorResidences: z.array(PriorResidence).max(10).optional(),
  languages: z.array(Text).max(10).optional(),
  vulnerabilities: z.array(Vulnerability).max(NEEDS_MAX).optional(),
  protection: Protection.optional(),
  /** Why the record is corrected: kept with the version it replaces. */
  reason: trimmedText(3, 500),
});
export type PersonEdit = z.infer<typeof PersonEdit>;

/** An earlier version of a person: what a correction replaced, who made it, when and why. */
export const PersonVersionView = z.object({
  id: z.string(),
  changed: z.array(z.string()),
  reason: z.string(),
  editedBy: z.string(),
  editedAt: z.string(),
  /** The values before the correction, redacted like the person. */
  before: z.object({
    givenNames: z.array(z.string()),
    surnames: z.array(z.string()),
    sex: z.string().nullable(),
    birthDate: z.string().nullable(),
    nationalities: z.array(z.string()),
    documents: z.array(DocumentEntry),
    phones: z.array(z.string()),
  }),
});
export const PersonHistory = z.object({ versions: z.array(PersonVersionView) });

export { hasAName, NO_NAME };

export const PersonCreate = PersonInput.extend({
  /** Why the person is registered although the check showed likely or possible duplicates. */
  overrideReason: trimmedText(3, 500).nullable().default(null),
  officeId: trimmedText(0, 40).nullable().default(null),
}).superRefine((p, ctx) => {
  if (!hasAName(p)) ctx.addIssue({ code: "custom", path: [NO_NAME.field], message: NO_NAME.message });
});

export const MatchReason = z.object({ field: z.string(), agreement: z.string(), weight: z.number() });

/** One duplicate hint: visible people carry their names; others only that they exist, where, and why. */
export const DuplicateHint = z.object({
  id: z.string(),
  score: z.number(),
  band: z.enum(["likely", "possible", "unlikely"]),
  reasons: z.array(MatchReason),
  visible: z.boolean(),
  officeId: z.string().nullable(),
  name: z.string().nullable(),
  birthDate: z.string().nullable(),
});
export const DuplicateCheck = z.object({ candidates: z.array(DuplicateHint) });

/** What leaves the server about one person, for one reader: only what the reader's role and reach may see. */
export const PersonView = z.object({
  id: z.string(),
  externalId: z.string().nullable(),
  officeId: z.string().nullable(),
  /** An erased person is never shown (404); the value is listed so the stored states are all named. */
  status: z.enum(["active", "merged", "erased"]),
  mergedInto: z.string().nullable(),
  givenNames: z.array(z.string()),
  surnames: z.array(z.string()),
  aliases: z.array(z.string()),
  sex: z.string().nullable(),
  birthDate: z.string().nullable(),
  birthDateAsWritten: z.string(),
  birthPlace: z.string(),
  nationalities: z.array(z.string()),
  documents: z.array(DocumentEntry),
  phones: z.array(z.string()),
  email: z.string(),
  addresses: z.array(AddressEntry),
  priorResidences: z.array(PriorResidence),
  languages: z.array(z.string()),
  /** Null when the reader may not see protection details. */
  vulnerabilities: z.array(SpecificNeedCode).nullable(),
  /** Protection and the nations the person is shielded from (`from` as applied); null without protection.read. */
  protection: Protection.nullable(),
  /** The household the person belongs to and their relationship in it; null when in none. */
  household: PersonHousehold.nullable(),
  family: z.array(z.object({ relatedId: z.string(), relation: z.string() })),
  consents: z.array(
    z.object({ purpose: z.string(), given: z.boolean(), givenBy: z.string(), at: z.string() }),
  ),
  cases: z.array(z.object({ id: z.string(), type: z.string(), status: z.string() })),
  createdAt: z.string(),
});
export type PersonView = z.infer<typeof PersonView>;

export const SearchQuery = z.object({
  given: trimmedText(0, 100).optional(),
  surname: trimmedText(0, 100).optional(),
  dob: PartialDate.optional(),
  document: trimmedText(0, 60).optional(),
});
export const SearchHit = z.object({
  id: z.string(),
  score: z.number(),
  band: z.enum(["likely", "possible", "unlikely"]),
  reasons: z.array(MatchReason),
  name: z.string(),
  birthDate: z.string().nullable(),
  officeId: z.string().nullable(),
});
export const SearchResult = z.object({ hits: z.array(SearchHit) });

export const IdParam = z.object({ id: z.string().uuid() });

export const FamilyLinkCreate = z.object({
  relatedId: z.string().uuid(),
  relation: z.enum(["parent", "child", "spouse", "sibling", "guardian", "other"]),
});

export const ConsentRecord = z.object({
  purpose: ConsentPurpose,
  given: z.boolean(),
  givenBy: trimmedText(1, 120).default("the person"),
});

/** Why a person is erased (a data subject's request, the end of retention): staff text, kept encrypted. */
export const PersonErase = z.object({ reason: trimmedText(3, 500) });
/** What an erasure cleared: the person and every record merged into them. */
export const ErasureResult = z.object({
  id: z.string(),
  erased: z.number(),
  records: z.number(),
  /** What each other capability cleared about the person, per kind of record (`{ border: { encounters: 2 } }`). */
  elsewhere: z.record(z.string(), z.record(z.string(), z.number())),
});
