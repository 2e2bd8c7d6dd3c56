import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { PersonHistory, type PersonView } from "../../../../src/registry/registry.contract.ts";
import { apiRequest } from "../../api.ts";
import { fieldLabel, type Translate } from "../../error-text.ts";
import { clientChecks, localToday } from "./registry-create.tsx";
import { SexOptions } from "./sex-choice.tsx";
import { messageOf, useLoad } from "./use-registry.ts";

const EditResult = z.object({
  id: z.string(),
  changed: z.array(z.string()),
  versionId: z.string().nullable(),
});

const list = (text: string, split: RegExp) =>
  text
    .split(split)
    .map((s) => s.trim())
    .filter(Boolean);

function formOf(p: PersonView): Record<string, string> {
  return {
    given: p.givenNames.join(" "),
    surname: p.surnames.join(" "),
    dob: p.birthDate ?? "",
    sex: p.sex ?? "",
    nationalities: p.nationalities.join(", "),
    document: p.documents[0]?.number ?? "",
    phones: p.phones.join(", "),
    reason: "",
  };
}

/**
 * The correction as the API takes it: only the fields the form changed (a record imported before today's checks
 * keeps what nobody touched), the first document's number replaced in place.
 */
function toEdit(p: PersonView, form: Record<string, string>) {
  const was = formOf(p);
  const touched = (key: string) => (form[key] ?? "").trim() !== (was[key] ?? "").trim();
  const number = form.document?.trim() ?? "";
  const [first, ...rest] = p.documents;
  const documents = number
    ? [{ ...(first ?? { type: "passport", issuingCountry: null, expiry: null }), number }, ...rest]
    : rest;
  return {
    ...(touched("given") ? { givenNames: list(form.given ?? "", /\s+/) } : {}),
    ...(touched("surname") ? { surnames: list(form.surname ?? "", /\s+/) } : {}),
    ...(touched("dob") ? { birthDate: form.dob?.trim() || null } : {}),
    ...(touched("sex") ? { sex: form.sex ? (form.sex as "F" | "M" | "X") : null } : {}),
    ...(touched("nationalities")
      ? { nationalities: list(form.nationalities ?? "", /,/).map((n) => n.toUpperCase()) }
      : {}),
    ...(touched("document") ? { documents } : {}),
    ...(touched("phones") ? { phones: list(form.phones ?? "", /,/) } : {}),
    reason: form.reason ?? "",
  };
}

/** Correcting a person (needs person.write): the fields a registrar may fix, a reason, and the earlier versions. */
export function RegistryPersonEdit({ person, onSaved }: { person: PersonView; onSaved: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState(() => formOf(person));
  const [message, setMessage] = useState<string | null>(null);
  const history = useLoad(`/registry/people/${person.id}/history`, PersonHistory);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // The same checks as registering: a correction that leaves no name, or an impossible birth date, is not sent.
    const problems = clientChecks(form, localToday());
    if (problems.length > 0) {
      setMessage(problems.map((p) => t(`pages.registry.checks.${p.key}`)).join(" "));
      return;
    }
    try {
      const result = await apiRequest(`/registry/people/${person.id}`, {
        method: "PATCH",
        body: toEdit(person, form),
        schema: EditResult,
      });
      setMessage(
        result.changed.length > 0
          ? t("pages.registry.edit.saved", {
              fields: result.changed.map((name) => fieldLabel(name, t as Translate)).join(", "),
            })
          : t("pages.registry.edit.nothing"),
      );
      setOpen(false);
      history.reload();
      onSaved();
    } catch (e) {
      setMessage(messageOf(e));
    }
  };
  const field = (key: string, label: string, type = "text") => (
    <label style={{ display: "block" }}>
      {label}{" "}
      <input type={type} value={form[key]} onChange={(e) => setForm({ ...form, [key]: e.target.value })} />
    </label>
  );
  return (
    <div>
      {!open && (
        <button
          type="button"
          onClick={() => {
            setForm(formOf(person));
            setOpen(true);
          }}
        >
          {t("pages.registry.edit.open")}
        </button>
      )}
      {open && (
        <form onSubmit={submit} aria-labelledby="registry-person-edit">
          <h3 id="registry-person-edit">{t("pages.registry.edit.title")}</h3>
          {field("given", t("pages.registry.fields.given"))}
          {field("surname", t("pages.registry.fields.surname"))}
          {field("dob", t("pages.registry.fields.dob"), "date")}
          <label style={{ display: "block" }}>
            {t("pages.registry.fields.sex")}{" "}
            <select value={form.sex} onChange={(e) => setForm({ ...form, sex: e.target.value })}>
              <SexOptions />
            </select>
          </label>
          {field("nationalities", t("pages.registry.edit.nationalities"))}
          {field("document", t("pages.registry.fields.document"))}
          {field("phones", t("pages.registry.edit.phones"))}
          {field("reason", t("pages.registry.edit.reason"))}
          <button type="submit">{t("pages.registry.edit.save")}</button>{" "}
          <button type="button" onClick={() => setOpen(false)}>
            {t("pages.registry.edit.cancel")}
          </button>
        </form>
      )}
      <div role="status">{message}</div>
      {history.data && history.data.versions.length > 0 && (
        <>
          <h3>{t("pages.registry.edit.history")}</h3>
          <ul>
            {history.data.versions.map((v) => (
              <li key={v.id}>
                {t("pages.registry.edit.version", {
                  fields: v.changed.join(", "),
                  by: v.editedBy,
                  at: v.editedAt.slice(0, 16).replace("T", " "),
                  reason: v.reason,
                })}{" "}
                ({[...v.before.givenNames, ...v.before.surnames].join(" ")}, {v.before.birthDate ?? "—"})
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
