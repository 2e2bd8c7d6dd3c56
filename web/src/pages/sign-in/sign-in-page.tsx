import type { TFunction } from "i18next";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api.ts";
import { useSession } from "../../session.tsx";
import { requestHeadingFocus, takeHeadingFocusRequest } from "../../ui/heading-focus.ts";
import { PageHeading } from "../../ui/page-heading.tsx";
import { SiteHeader } from "../../ui/site-header.tsx";

type Problem =
  | { key: "missing" | "invalid" | "throttled" | "network" }
  | { key: "throttledWait"; minutes: number }
  | { key: "unknown"; message: string };

function toProblem(error: unknown): Problem {
  if (!(error instanceof ApiError)) return { key: "unknown", message: String(error) };
  if (error.status === 401 || error.status === 400) return { key: "invalid" };
  if (error.status === 429) return throttled(error.details);
  if (error.status === 0) return { key: "network" };
  return { key: "unknown", message: error.message };
}

// The server says how long to wait (`details.retryAfterSeconds`); people read it best in whole minutes.
function throttled(details: unknown): Problem {
  const seconds = (details as { retryAfterSeconds?: unknown } | null)?.retryAfterSeconds;
  if (typeof seconds !== "number" || seconds <= 0) return { key: "throttled" };
  return { key: "throttledWait", minutes: Math.ceil(seconds / 60) };
}

function describeProblem(problem: Problem, t: TFunction): string {
  if (problem.key === "unknown") return t("signIn.errors.unknown", { message: problem.message });
  if (problem.key === "throttledWait") return t("signIn.errors.throttledWait", { count: problem.minutes });
  return t(`signIn.errors.${problem.key}`);
}

/** Email and password; the problem, if any, is announced and the password cleared for another try. */
export function SignInPage({ expired }: { expired: boolean }) {
  const { t } = useTranslation();
  const { signIn } = useSession();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!email.trim() || !password) return setProblem({ key: "missing" });
    setPending(true);
    setProblem(null);
    try {
      requestHeadingFocus();
      await signIn(email.trim(), password);
    } catch (error) {
      takeHeadingFocusRequest();
      setProblem(toProblem(error));
      setPassword("");
      setPending(false);
    }
  };

  const message = problem ? describeProblem(problem, t) : "";

  return (
    <>
      <SiteHeader />
      <main id="main" tabIndex={-1} className="sign-in">
        <PageHeading title={t("signIn.title")} />
        <p>{t("signIn.intro")}</p>
        {expired && !problem && <p className="notice">{t("signIn.expired")}</p>}
        {/* The alert region is always present so assistive technology notices when text appears in it. */}
        <div role="alert" className={message ? "alert" : "alert-empty"}>
          {message}
        </div>
        <form onSubmit={submit} noValidate>
          <div className="field">
            <label htmlFor="sign-in-email">{t("signIn.email")}</label>
            <input
              id="sign-in-email"
              type="email"
              name="email"
              autoComplete="username"
              required
              value={email}
              onChange={(event) => setEmail(event.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="sign-in-password">{t("signIn.password")}</label>
            <input
              id="sign-in-password"
              type="password"
              name="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          </div>
          <button type="submit" className="button-primary" disabled={pending}>
            {pending ? t("signIn.submitting") : t("signIn.submit")}
          </button>
        </form>
      </main>
    </>
  );
}
