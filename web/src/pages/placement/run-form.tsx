import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { RunDetail } from "../../../../src/placement/placement.contract.ts";
import { decodeStrictText } from "../../../../src/shared/strict-text.ts";
import { apiRequest } from "../../api.ts";

type ReadFile = { ok: true; text: string } | { ok: false; problem: Record<string, string | number> };

/** A chosen file's text by the server's own rule: bytes that are not UTF-8 are refused, never replaced. */
async function readStrictText(file: File): Promise<ReadFile> {
  const decoded = decodeStrictText(new Uint8Array(await file.arrayBuffer()), { delimiter: "," });
  if (decoded.ok) return decoded;
  const { line, column, field, character, message } = decoded.fault;
  const where = `${field} (column ${column})`;
  const problem = { file: file.name, line, field: where, message: `${message} (at character ${character})` };
  return { ok: false, problem };
}

/** Runs a batch: the demo batch on this year's pledges, or the three CSV files of the command line. */
export function RunForm({ onCreated }: { onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const [families, setFamilies] = useState(150);
  const [files, setFiles] = useState<Record<"cases" | "places" | "scores", File | null>>({
    cases: null,
    places: null,
    scores: null,
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");
  const submit = async (body: unknown) => {
    setBusy(true);
    setError("");
    try {
      const detail = await apiRequest("/placement/runs", { method: "POST", body, schema: RunDetail });
      onCreated(detail.run.id);
    } catch (e) {
      setError(t("pages.placement.run.failed", { message: (e as Error).message }));
    } finally {
      setBusy(false);
    }
  };
  const runDemo = (e: FormEvent) => {
    e.preventDefault();
    void submit({ source: "demo", cases: families });
  };
  const runUpload = async (e: FormEvent) => {
    e.preventDefault();
    const { cases, places, scores } = files;
    if (!cases || !places || !scores) return setError(t("pages.placement.run.missingFiles"));
    const texts = await Promise.all([cases, places, scores].map(readStrictText));
    const fault = texts.find((r) => !r.ok);
    if (fault && !fault.ok) return setError(t("pages.placement.run.unreadable", fault.problem));
    const [c, p, s] = texts.map((r) => (r.ok ? r.text : ""));
    await submit({ source: "csv", cases: c, places: p, scores: s, label: cases.name });
  };
  const fileField = (key: keyof typeof files) => (
    <div className="field">
      <label htmlFor={`placement-${key}`}>{t(`pages.placement.run.${key}`)}</label>
      <input
        id={`placement-${key}`}
        type="file"
        accept=".csv,text/csv"
        onChange={(e) => setFiles({ ...files, [key]: e.target.files?.[0] ?? null })}
      />
    </div>
  );
  return (
    <section aria-labelledby="placement-run-title">
      <h2 id="placement-run-title">{t("pages.placement.run.title")}</h2>
      <form onSubmit={runDemo} aria-label={t("pages.placement.run.demo")}>
        <p>{t("pages.placement.run.demoHelp")}</p>
        <div className="field">
          <label htmlFor="placement-families">{t("pages.placement.run.families")}</label>
          <input
            id="placement-families"
            type="number"
            min={10}
            max={2000}
            value={families}
            onChange={(e) => setFamilies(Number(e.target.value))}
          />
        </div>
        <button type="submit" className="button-primary" disabled={busy}>
          {t("pages.placement.run.runDemo")}
        </button>
      </form>
      <details>
        <summary>{t("pages.placement.run.upload")}</summary>
        <form onSubmit={runUpload} aria-label={t("pages.placement.run.upload")}>
          <p>{t("pages.placement.run.uploadHelp")}</p>
          {fileField("cases")}
          {fileField("places")}
          {fileField("scores")}
          <button type="submit" className="button-secondary" disabled={busy}>
            {t("pages.placement.run.runUpload")}
          </button>
        </form>
      </details>
      <p role="status">{busy ? t("pages.placement.run.running") : ""}</p>
      <p role="alert" className={error ? "alert" : undefined}>
        {error}
      </p>
    </section>
  );
}
