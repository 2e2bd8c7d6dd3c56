import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { DOCUMENT_TYPES, DuplicateCheck } from "../../../../src/registry/registry.contract.ts";
import { apiRequest } from "../../api.ts";
import { Link, navigate } from "../../router.tsx";
import { messageOf } from "./use-registry.ts";

const Created = z.object({ id: z.string(), duplicates: z.number() });

function toInput(form: Record<string, string>) {
  return {
    givenNames: form.given?.trim() ? form.given.trim().split(/\s+/) : [],
    surnames: form.surname?.trim() ? form.surname.trim().split(/\s+/) : [],
    birthDate: form.dob?.trim() || null,
    sex: form.sex ? (form.sex as "F" | "M" | "X") : null,
    documents: form.document?.trim()
      ? [
          {
            type: form.documentType || "passport",
            number: form.document.trim(),
            issuingCountry: form.issuingCountry?.trim().toUpperCase() || null,
            validFrom: form.validFrom || null,
            expiry: form.validUntil || null,
          },
        ]
      : [],
  };
}

/** Registers a person; likely and possible duplicates appear while typing, and going ahead needs a reason. */
export function RegistryCreate() {
  const { t } = useTranslation();
  const [form, setForm] = useState<Record<string, string>>({
    given: "",
    surname: "",
    dob: "",
    sex: "",
    document: "",
    documentType: "passport",
    issuingCountry: "",
    validFrom: "",
    validUntil: "",
  });
  const [hints, setHints] = useState<z.infer<typeof DuplicateCheck>["candidates"]>([]);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const input = toInput(form);
    if (input.givenNames.length + input.surnames.length === 0) return setHints([]);
    const timer = setTimeout(() => {
      apiRequest("/registry/people/check", { method: "POST", body: input, schema: DuplicateCheck })
        .then((d) => setHints(d.candidates))
        .catch(() => setHints([]));
    }, 350);
    return () => clearTimeout(timer);
  }, [form]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const body = { ...toInput(form), overrideReason: hints.length > 0 ? reason : null };
      const created = await apiRequest("/registry/people", { method: "POST", body, schema: Created });
      navigate(`/registry/people/${created.id}`);
    } catch (e) {
      setError(messageOf(e));
    }
  };
  const field = (key: string, type = "text") => (
    <label style={{ display: "block" }}>
      {t(`pages.registry.fields.${key}` as "pages.registry.fields.given")}{" "}
      <input type={type} value={form[key]} onChange={(e) => setForm({ ...form, [key]: e.target.value })} />
    </label>
  );
  return (
    <section aria-labelledby="registry-create">
      <h2 id="registry-create">{t("pages.registry.tabs.create")}</h2>
      <form onSubmit={submit}>
        {field("given")}
        {field("surname")}
        {field("dob", "date")}
        <label style={{ display: "block" }}>
          {t("pages.registry.fields.sex")}{" "}
          <select value={form.sex} onChange={(e) => setForm({ ...form, sex: e.target.value })}>
            <option value="">—</option>
            <option value="F">F</option>
            <option value="M">M</option>
            <option value="X">X</option>
          </select>
        </label>
        <label style={{ display: "block" }}>
          {t("pages.registry.fields.documentType")}{" "}
          <select
            value={form.documentType}
            onChange={(e) => setForm({ ...form, documentType: e.target.value })}
          >
            {DOCUMENT_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`pages.registry.documentTypes.${type}`)}
              </option>
            ))}
          </select>
        </label>
        {field("document")}
        {field("issuingCountry")}
        {field("validFrom", "date")}
        {field("validUntil", "date")}
        <div aria-live="polite">
          {hints.length > 0 && (
            <div className="registry-hints">
              <h3>{t("pages.registry.duplicatesFound", { count: hints.length })}</h3>
              <ul>
                {hints.map((h) => (
                  <li key={h.id}>
                    {h.visible ? (
                      <Link to={`/registry/people/${h.id}`}>{h.name}</Link>
                    ) : (
                      t("pages.registry.otherOffice", { office: h.officeId ?? "—" })
                    )}{" "}
                    {h.birthDate} — {t(`pages.registry.bands.${h.band}`)} ({h.score.toFixed(2)}):{" "}
                    {h.reasons.map((r) => `${r.field}: ${r.agreement}`).join(", ")}
                  </li>
                ))}
              </ul>
              <label style={{ display: "block" }}>
                {t("pages.registry.overrideReason")}{" "}
                <input value={reason} onChange={(e) => setReason(e.target.value)} />
              </label>
            </div>
          )}
        </div>
        <button type="submit">
          {hints.length > 0 ? t("pages.registry.createAnyway") : t("pages.registry.createButton")}
        </button>
      </form>
      <div role="alert">{error}</div>
    </section>
  );
}
