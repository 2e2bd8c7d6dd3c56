import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Demographic, EntryKind, FIRST_ENCOUNTER_YEAR } from "../../../../src/border/border.contract.ts";
import { type EncounterRecord, EncounterView } from "../../../../src/border/border-records.contract.ts";
import { navigate } from "../../router.tsx";
import { encounterChecks } from "./encounter-checks.ts";
import { type ChosenPerson, PersonSearch } from "./person-search.tsx";
import { borderWrite, errorText } from "./use-border-api.ts";

type Fields = Record<string, string>;

/**
 * The record to send. Linked to a registry person, it carries the reference and none of the names, birth date
 * or document typed for the search: the registry holds them.
 */
function toRecord(
  f: Fields,
  flags: Record<string, boolean>,
  person: ChosenPerson | null,
  familyOf: string | undefined,
): EncounterRecord {
  const optional = (v: string | undefined) => (v && v.trim() !== "" ? v.trim() : undefined);
  const residence = optional(f.residenceCountry);
  return {
    date: f.date ?? "",
    border: optional(f.border),
    sector: optional(f.sector),
    demographic: (f.demographic ?? "single_adult") as EncounterRecord["demographic"],
    citizenship: (f.citizenship ?? "").trim().toUpperCase(),
    priorResidences: residence
      ? [{ country: residence.toUpperCase(), from: optional(f.residenceFrom), to: optional(f.residenceTo) }]
      : [],
    fearClaim: flags.fearClaim ?? false,
    medicalEmergency: flags.medicalEmergency ?? false,
    entry: (f.entry ?? "between_ports") as EncounterRecord["entry"],
    appointment: flags.appointment ?? false,
    deniedProtectionInTransit: flags.deniedProtectionInTransit ?? false,
    imminentThreat: flags.imminentThreat ?? false,
    priorRemovalOrder: flags.priorRemovalOrder ?? false,
    traffickingIndicators: optional(f.trafficking) ? [f.trafficking!.trim()] : [],
    ...(person
      ? { personId: person.id, documents: [] }
      : {
          givenNames: optional(f.givenNames),
          familyNames: optional(f.familyNames),
          birthDate: optional(f.birthDate),
          documents: optional(f.documentNumber)
            ? [{ type: "passport", number: f.documentNumber!.trim() }]
            : [],
        }),
    ...(familyOf ? { familyOf } : {}),
  };
}

const TEXT_FIELDS = [
  ["date", "date"],
  ["citizenship", "text"],
  ["border", "text"],
  ["sector", "text"],
  ["givenNames", "text"],
  ["familyNames", "text"],
  ["birthDate", "date"],
  ["documentNumber", "text"],
  ["residenceCountry", "text"],
  ["residenceFrom", "date"],
  ["residenceTo", "date"],
  ["trafficking", "text"],
] as const;

const FLAGS = [
  "fearClaim",
  "medicalEmergency",
  "appointment",
  "deniedProtectionInTransit",
  "imminentThreat",
  "priorRemovalOrder",
] as const;

/**
 * The encounter form: the registry is searched first (link a person it suggests, or record without a link),
 * then every question the assessment needs, asked every time. With `familyOf`, the new encounter joins that
 * encounter's family group.
 */
export function EncounterForm({ familyOf }: { familyOf?: string } = {}) {
  const { t } = useTranslation();
  // No border is presumed: an encounter without one is assessed at the pack's default border, and says so.
  const [fields, setFields] = useState<Fields>({ demographic: "single_adult", entry: "between_ports" });
  const [flags, setFlags] = useState<Record<string, boolean>>({});
  const [error, setError] = useState("");
  const [person, setPerson] = useState<ChosenPerson | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const today = new Date().toLocaleDateString("sv-SE"); // the officer's own calendar date, YYYY-MM-DD
    const problems = encounterChecks(fields, today);
    if (problems.length > 0) {
      setError(
        problems
          .map((p) =>
            t(`pages.border.checks.${p.key}`, { year: p.field === "date" ? FIRST_ENCOUNTER_YEAR : 1880 }),
          )
          .join(" "),
      );
      document.getElementById(`enc-${problems[0]?.field}`)?.focus();
      return;
    }
    try {
      const saved = await borderWrite(
        "/encounters",
        "POST",
        toRecord(fields, flags, person, familyOf),
        EncounterView,
      );
      navigate(`/border/encounters/${saved.id}`);
    } catch (e) {
      setError(errorText(e));
    }
  };
  const set = (name: string) => (e: { target: { value: string } }) =>
    setFields({ ...fields, [name]: e.target.value });
  return (
    <form
      onSubmit={submit}
      aria-label={t(familyOf ? "pages.border.family.record" : "pages.border.form.title")}
    >
      <h2>{t(familyOf ? "pages.border.family.record" : "pages.border.form.title")}</h2>
      {TEXT_FIELDS.map(([name, type]) => (
        <div className="field" key={name}>
          <label htmlFor={`enc-${name}`}>{t(`pages.border.field.${name}`)}</label>
          <input
            id={`enc-${name}`}
            type={type}
            value={fields[name] ?? ""}
            onChange={set(name)}
            required={name === "date" || name === "citizenship"}
          />
        </div>
      ))}
      <PersonSearch fields={fields} chosen={person} onChoose={setPerson} />
      <div className="field">
        <label htmlFor="enc-demographic">{t("pages.border.field.demographic")}</label>
        <select id="enc-demographic" value={fields.demographic} onChange={set("demographic")}>
          {Demographic.options.map((d) => (
            <option key={d} value={d}>
              {t(`pages.border.demographic.${d}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="enc-entry">{t("pages.border.field.entry")}</label>
        <select id="enc-entry" value={fields.entry} onChange={set("entry")}>
          {EntryKind.options.map((e) => (
            <option key={e} value={e}>
              {t(`pages.border.entry.${e}`)}
            </option>
          ))}
        </select>
      </div>
      {FLAGS.map((name) => (
        <div className="field" key={name}>
          <label>
            <input
              type="checkbox"
              checked={flags[name] ?? false}
              onChange={(e) => setFlags({ ...flags, [name]: e.target.checked })}
            />{" "}
            {t(`pages.border.field.${name}`)}
          </label>
        </div>
      ))}
      <p role="alert" className={error ? "alert" : "alert-empty"}>
        {error}
      </p>
      <button type="submit" className="button-primary">
        {t("pages.border.form.submit")}
      </button>
    </form>
  );
}
