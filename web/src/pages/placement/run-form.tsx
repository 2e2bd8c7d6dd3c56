import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { RunDetail } from "../../../../src/placement/placement.contract.ts";
import { decodeStrictText } from "../../../../src/shared/strict-text.ts";
import { ApiError, apiRequest } from "../../api.ts";

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

/** True when the server refused a run because its trained model is flagged and wants the reason to use it. */
function wantsAcknowledgement(e: unknown): boolean {
  if (!(e instanceof ApiError) || e.status !== 409) return false;
  const issues = (e.details as { issues?: { field?: string }[] } | undefined)?.issues ?? [];
  return issues.some((issue) => issue.field === "body.acknowledgeFlaggedModel");
}

type Upload = { cases: string; places: string; label: string } & ({ scores: string } | { history: string });

/**
 * Runs a batch: the demo batch on this year's pledges, the nation's approved resettlement applications on the
 * places of a places file (one case per registry household), or the CSV files of the command line — cases, places and
 * either scores or a history of past outcomes to train the outcome model on. A trained model the platform
 * flags (it steers a needs group away from where the group does as well) is used only with a reason given here.
 */
export function RunForm({ onCreated }: { onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const [families, setFamilies] = useState(150);
  const [files, setFiles] = useState<Record<"cases" | "places" | "scores" | "history", File | null>>({
    cases: null,
    places: null,
    scores: null,
    history: null,
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");
  // The upload the server refused for a flagged model, kept until the officer gives a reason or changes files.
  const [flagged, setFlagged] = useState<{ upload: Upload; message: string } | null>(null);
  const [reason, setReason] = useState("");
  const [appPlaces, setAppPlaces] = useState<File | null>(null);
  const [pathways, setPathways] = useState("");
  const submit = async (body: unknown) => {
    setBusy(true);
    setError("");
    try {
      const detail = await apiRequest("/placement/runs", { method: "POST", body, schema: RunDetail });
      setFlagged(null);
      onCreated(detail.run.id);
    } catch (e) {
      if (wantsAcknowledgement(e) && typeof body === "object" && body && "history" in body) {
        setFlagged({ upload: body as Upload, message: (e as Error).message });
      } else setError(t("pages.placement.run.failed", { message: (e as Error).message }));
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
    setFlagged(null);
    const { cases, places, scores, history } = files;
    if (!cases || !places || !(scores || history) || (scores && history))
      return setError(t("pages.placement.run.missingFiles"));
    const outcome = (scores ?? history) as File;
    const texts = await Promise.all([cases, places, outcome].map(readStrictText));
    const fault = texts.find((r) => !r.ok);
    if (fault && !fault.ok) return setError(t("pages.placement.run.unreadable", fault.problem));
    const [c, p, o] = texts.map((r) => (r.ok ? r.text : ""));
    const label = cases.name;
    await submit(
      scores
        ? { source: "csv", cases: c, places: p, scores: o, label }
        : { source: "csv", cases: c, places: p, history: o, label },
    );
  };
  const runApplications = async (e: FormEvent) => {
    e.preventDefault();
    if (!appPlaces) return setError(t("pages.placement.run.missingPlaces"));
    const read = await readStrictText(appPlaces);
    if (!read.ok) return setError(t("pages.placement.run.unreadable", read.problem));
    const chosen = pathways
      .split(/[,;\s]+/)
      .map((id) => id.trim())
      .filter(Boolean);
    await submit({
      source: "applications",
      places: read.text,
      ...(chosen.length > 0 ? { pathways: chosen } : {}),
    });
  };
  const runAcknowledged = (e: FormEvent) => {
    e.preventDefault();
    if (flagged) void submit({ source: "csv", ...flagged.upload, acknowledgeFlaggedModel: reason.trim() });
  };
  const fileField = (key: keyof typeof files) => (
    <div className="field">
      <label htmlFor={`placement-${key}`}>{t(`pages.placement.run.${key}`)}</label>
      <input
        id={`placement-${key}`}
        type="file"
        accept=".csv,text/csv"
        onChange={(e) => {
          setFlagged(null);
          setFiles({ ...files, [key]: e.target.files?.[0] ?? null });
        }}
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
        <summary>{t("pages.placement.run.applications")}</summary>
        <form onSubmit={runApplications} aria-label={t("pages.placement.run.applications")}>
          <p>{t("pages.placement.run.applicationsHelp")}</p>
          <div className="field">
            <label htmlFor="placement-app-places">{t("pages.placement.run.places")}</label>
            <input
              id="placement-app-places"
              type="file"
              accept=".csv,text/csv"
              onChange={(e) => setAppPlaces(e.target.files?.[0] ?? null)}
            />
          </div>
          <div className="field">
            <label htmlFor="placement-app-pathways">{t("pages.placement.run.pathways")}</label>
            <input
              id="placement-app-pathways"
              type="text"
              value={pathways}
              onChange={(e) => setPathways(e.target.value)}
            />
          </div>
          <button type="submit" className="button-secondary" disabled={busy}>
            {t("pages.placement.run.runApplications")}
          </button>
        </form>
      </details>
      <details>
        <summary>{t("pages.placement.run.upload")}</summary>
        <form onSubmit={runUpload} aria-label={t("pages.placement.run.upload")}>
          <p>{t("pages.placement.run.uploadHelp")}</p>
          {fileField("cases")}
          {fileField("places")}
          {fileField("scores")}
          {fileField("history")}
          <button type="submit" className="button-secondary" disabled={busy}>
            {t("pages.placement.run.runUpload")}
          </button>
        </form>
        {flagged && (
          <form
            onSubmit={runAcknowledged}
            aria-label={t("pages.placement.run.flaggedTitle")}
            className="alert"
          >
            <p>{t("pages.placement.run.flagged", { message: flagged.message })}</p>
            <div className="field">
              <label htmlFor="placement-acknowledge">{t("pages.placement.run.acknowledge")}</label>
              <textarea
                id="placement-acknowledge"
                minLength={5}
                maxLength={2000}
                required
                value={reason}
                onChange={(e) => setReason(e.target.value)}
              />
            </div>
            <button type="submit" className="button-secondary" disabled={busy || reason.trim().length < 5}>
              {t("pages.placement.run.runAcknowledged")}
            </button>
          </form>
        )}
      </details>
      <p role="status">{busy ? t("pages.placement.run.running") : ""}</p>
      <p role="alert" className={error ? "alert" : undefined}>
        {error}
      </p>
    </section>
  );
}
