import { type RefObject, useEffect, useRef, useState } from "react";
import { countryLabel } from "../../../../src/flows/flows-labels.contract.ts";
import {
  PortalApplyResult,
  PortalCatalog,
  PortalChallenge,
  type PortalScreenEntry,
  PortalScreenResult,
  PortalShownQuestions,
} from "../../../../src/pathways/portal.contract.ts";
import { ApplyForm } from "./apply-form.tsx";
import { errorText, portalRequest } from "./portal-api.ts";
import {
  answersShown,
  forgetState,
  keepState,
  keptState,
  languageFromAddress,
  languageToAddress,
} from "./portal-state.ts";
import { PORTAL_LANGUAGES, type PortalLang, type PortalText, portalText } from "./portal-text.ts";
import { QuestionField } from "./question-field.tsx";
import { StatusLookup } from "./status-lookup.tsx";
import "./portal.css";

type Catalog = ReturnType<typeof PortalCatalog.parse>;

/** The public portal at /portal: language, questionnaire, pathways with reasons, apply, status. No account. */
export function PortalApp() {
  const [kept] = useState(keptState);
  const [lang, setLang] = useState<PortalLang | null>(languageFromAddress);
  const [catalog, setCatalog] = useState<Catalog | null>(null);
  const [answers, setAnswers] = useState<Record<string, unknown>>(kept?.answers ?? {});
  const [results, setResults] = useState<PortalScreenEntry[] | null>(null);
  const [applying, setApplying] = useState<PortalScreenEntry | null>(null);
  const [error, setError] = useState("");
  const shown = useShownQuestions(catalog, answers);
  const sent = answersShown(answers, shown);
  const resultsHeading = useRef<HTMLHeadingElement>(null);
  // The results come after the questions: once shown, screen-reader and keyboard users land on them.
  const focusResults = useRef(false);
  useEffect(() => {
    if (!results || !focusResults.current) return;
    focusResults.current = false;
    resultsHeading.current?.focus();
  }, [results]);
  const text = portalText(lang ?? "en");

  useEffect(() => {
    document.documentElement.lang = lang ?? "en";
    document.title = text.title;
    if (!lang) return;
    languageToAddress(lang);
    portalRequest(`/catalog?lang=${lang}`, PortalCatalog).then(setCatalog, (e) =>
      setError(errorText(e, text)),
    );
  }, [lang, text]);

  // Kept from the first change on; until a kept screening is shown again, what was kept stays as it was.
  const restored = useRef(false);
  useEffect(() => {
    if (kept?.screened && !restored.current) return;
    keepState({ answers, screened: results !== null });
  }, [answers, results, kept]);

  const screen = async (focus = true) => {
    setError("");
    try {
      const screened = await portalRequest("/screen", PortalScreenResult, { lang, answers: sent });
      focusResults.current = focus;
      setResults(screened.results);
    } catch (e) {
      setError(errorText(e, text));
    }
  };

  // Back or a reload after screening shows the results again, for the answers kept in this tab.
  useEffect(() => {
    if (restored.current || !lang || !catalog || !kept?.screened) return;
    restored.current = true;
    void screen(false);
  });

  const clear = () => {
    forgetState();
    setAnswers({});
    setResults(null);
    setApplying(null);
  };

  return (
    <div className="portal">
      <header className="portal-header">
        <h1>{text.title}</h1>
        <nav aria-label={text.chooseLanguage}>
          <ul className="portal-languages">
            {PORTAL_LANGUAGES.map((l) => (
              <li key={l.code}>
                <button
                  type="button"
                  lang={l.code}
                  aria-pressed={lang === l.code}
                  onClick={() => setLang(l.code)}
                >
                  {l.name}
                </button>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main">
        <p>{text.intro}</p>
        <SafetyNotice text={text} />
        <p role="alert" className="portal-error">
          {error}
        </p>
        {!lang && <p>{text.chooseLanguage}</p>}
        {lang && catalog && !applying && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void screen();
            }}
          >
            <h2>{text.questionsTitle}</h2>
            <p>{text.questionsHelp}</p>
            {catalog.questions
              .filter((q) => !shown || shown.includes(q.id))
              .map((q) => (
                <QuestionField
                  key={q.id}
                  question={q}
                  value={answers[q.id]}
                  text={text}
                  onChange={(v) => setAnswers({ ...answers, [q.id]: v })}
                />
              ))}
            <button type="submit">{text.see}</button>{" "}
            <button type="button" onClick={clear}>
              {text.clearAnswers}
            </button>
            <p className="portal-note">{text.answersKept}</p>
          </form>
        )}
        {lang && results && !applying && (
          <Results
            results={results}
            text={text}
            lang={lang ?? "en"}
            onApply={setApplying}
            heading={resultsHeading}
          />
        )}
        {lang && applying && (
          <ApplyForm
            lang={lang}
            pathway={applying}
            answers={sent}
            text={text}
            onBack={() => setApplying(null)}
            submit={async (body) => {
              const challenge = await portalRequest("/challenge", PortalChallenge, {});
              const { solveChallenge } = await import("./proof-of-work.ts");
              const nonce = await solveChallenge(challenge.token, challenge.difficulty);
              return portalRequest("/applications", PortalApplyResult, {
                ...body,
                proof: { token: challenge.token, nonce },
              });
            }}
          />
        )}
        {lang && <StatusLookup lang={lang} text={text} />}
      </main>
    </div>
  );
}

// How long the questionnaire waits after a change before asking which questions now matter (typing a date).
const SHOWN_DELAY_MS = 250;

/**
 * The ids of the questions that can still change an outcome for the answers so far, asked of the server a
 * moment after each change; null (every question) when it cannot say.
 */
function useShownQuestions(catalog: Catalog | null, answers: Record<string, unknown>): string[] | null {
  const [shown, setShown] = useState<string[] | null>(null);
  const latest = useRef(0);
  useEffect(() => {
    if (!catalog) return;
    const asked = ++latest.current;
    if (Object.keys(answers).length === 0) {
      setShown(catalog.shown ?? null);
      return;
    }
    const timer = setTimeout(() => {
      portalRequest("/questions", PortalShownQuestions, { answers }).then(
        (r) => asked === latest.current && setShown(r.shown),
        () => asked === latest.current && setShown(null),
      );
    }, SHOWN_DELAY_MS);
    return () => clearTimeout(timer);
  }, [catalog, answers]);
  // Before any answer the catalogue already says, so the first paint shows the right questions.
  return Object.keys(answers).length === 0 ? (catalog?.shown ?? null) : shown;
}

function Results({
  results,
  text,
  lang,
  onApply,
  heading,
}: {
  results: PortalScreenEntry[];
  text: PortalText;
  lang: PortalLang;
  onApply: (p: PortalScreenEntry) => void;
  heading: RefObject<HTMLHeadingElement | null>;
}) {
  const order = { eligible: 0, maybe: 1, not_eligible: 2 };
  const sorted = [...results].sort((a, b) => order[a.result] - order[b.result]);
  return (
    <section aria-labelledby="results-title">
      <h2 id="results-title" ref={heading} tabIndex={-1}>
        {text.resultsTitle}
      </h2>
      <ul className="portal-results">
        {sorted.map((r) => (
          <li key={`${r.nation}:${r.id}`} className={`portal-result portal-${r.result}`}>
            <h3>{r.title}</h3>
            <p>
              <strong>{text[r.result]}</strong> · {countryLabel(r.nation, lang)}
            </p>
            <p>{r.summary}</p>
            {r.example && <p className="portal-note">{text.example}</p>}
            <h4>{text.why}</h4>
            <ul>
              {r.reasons.map((reason) => (
                <li key={reason}>{reason}</li>
              ))}
            </ul>
            {r.documents.length > 0 && (
              <>
                <h4>{text.prepare}</h4>
                <ul>
                  {r.documents.map((d) => (
                    <li key={d}>{d}</li>
                  ))}
                </ul>
              </>
            )}
            {r.access !== "apply" && r.howToAccess && (
              <>
                <h4>{r.access === "referral" ? text.howReferral : text.howInvitation}</h4>
                <p>{r.howToAccess}</p>
              </>
            )}
            {r.lastVerified && (
              <p className="portal-note">
                {text.lastVerified} {r.lastVerified}
              </p>
            )}
            {r.access === "referral" ? (
              <p>{text.noApply}</p>
            ) : (
              r.result !== "not_eligible" && (
                <button type="button" onClick={() => onApply(r)}>
                  {text.apply}: {r.title}
                </button>
              )
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Free of charge, beware of fraud, the right to seek asylum, where to get help: on every portal page. */
function SafetyNotice({ text }: { text: PortalText }) {
  return (
    <section aria-labelledby="safety-title" className="portal-safety" data-testid="safety-notice">
      <h2 id="safety-title">{text.safetyTitle}</h2>
      <ul>
        <li>{text.safetyFree}</li>
        <li>{text.safetyFraud}</li>
        <li>{text.safetyAsylum}</li>
        <li>{text.safetyHelp}</li>
      </ul>
    </section>
  );
}
