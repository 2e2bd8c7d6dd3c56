import type { Command } from "commander";
import { cliAction } from "../platform/cli-support.ts";
import { AppError, failOnProblems } from "../platform/errors.ts";
import { readTextFile } from "../platform/text-input.ts";
import type { Catalog } from "./engine/catalog.ts";
import type { Language } from "./engine/language.ts";

interface CommonOptions {
  catalog: string;
  lang: string;
  on?: string;
}

interface ScreenOptions extends CommonOptions {
  answers: string;
}

/** Registers the `hemisphere pathways …` commands. */
export function registerPathwaysCommands(program: Command): void {
  const pathways = program
    .command("pathways")
    .description("legal pathways: list the questions a catalogue asks, screen answers against it");
  const common = (command: Command) =>
    command
      .requiredOption("--catalog <file>", "catalogue JSON file (see docs/pathways-rules.md)")
      .option("--lang <code>", "language of texts: es, en, pt, fr or ht", "en")
      .option("--on <date>", "evaluation date YYYY-MM-DD (default: today)");
  common(pathways.command("screen").description("screen answers against every pathway; prints JSON"))
    .requiredOption("--answers <file>", "answers JSON file: question id → answer")
    .action(cliAction((options: ScreenOptions) => runScreen(options)));
  common(pathways.command("questions").description("print the questions the catalogue's rules need; JSON"))
    .option("--text", "add each question's wording in --lang")
    .action(cliAction((options: CommonOptions & { text?: boolean }) => runQuestions(options)));
  common(pathways.command("validate").description("check a catalogue file and summarise it")).action(
    cliAction((options: CommonOptions) => runValidate(options)),
  );
}

async function runScreen(options: ScreenOptions): Promise<void> {
  const { compileCatalog, prepareCatalogAnswers, screenCatalog } = await import("./engine/screening.ts");
  const lang = parseLanguage(options.lang);
  const on = parseOn(options.on);
  const compiled = compileCatalog(await loadCatalog(options.catalog));
  const raw = await readJson(options.answers);
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new AppError(
      "BAD_INPUT",
      `${options.answers}: expected a JSON object mapping question ids to answers`,
    );
  }
  const { answers, problems } = prepareCatalogAnswers(compiled, raw as Record<string, unknown>);
  failOnProblems(
    problems.map((p) => ({ file: options.answers, field: p.path, message: p.message })),
    "invalid answers",
  );
  warnUnknownAnswers(Object.keys(raw), new Set(compiled.questions.map((q) => q.id)), options.answers);
  printJson(screenCatalog(compiled, answers, { on, lang }));
}

async function runQuestions(options: CommonOptions & { text?: boolean }): Promise<void> {
  const { questionsOn } = await import("./engine/screening.ts");
  const lang = parseLanguage(options.lang);
  const catalog = await loadCatalog(options.catalog);
  const questions = questionsOn(catalog, parseOn(options.on));
  if (!options.text) return printJson(questions);
  const { questionText, customQuestionTexts } = await import("./engine/question-texts.ts");
  const custom = customQuestionTexts(catalog);
  printJson(questions.map((q) => ({ ...q, text: questionText(q.id, lang, custom) })));
}

async function runValidate(options: CommonOptions): Promise<void> {
  const catalog = await loadCatalog(options.catalog);
  const examples = catalog.pathways.filter((p) => p.example).length;
  printJson({
    file: options.catalog,
    valid: true,
    pathways: catalog.pathways.map((p) => ({
      id: p.id,
      nation: p.nation,
      type: p.type,
      ruleSets: p.ruleSets.length,
      ...(p.status !== undefined && { status: p.status }),
      ...(p.lastVerified !== undefined && { lastVerified: p.lastVerified }),
      ...(p.access !== "apply" && { access: p.access }),
    })),
    examples,
  });
}

async function readJson(file: string): Promise<unknown> {
  const text = await readTextFile(file);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AppError("BAD_INPUT", `${file}: not valid JSON (${(error as Error).message})`);
  }
}

async function loadCatalog(file: string): Promise<Catalog> {
  const { parseCatalog } = await import("./engine/catalog.ts");
  const parsed = parseCatalog(await readJson(file));
  if (parsed.ok) return parsed.catalog;
  failOnProblems(
    parsed.problems.map((p) => ({ file, field: p.path, message: p.message })),
    "invalid catalogue",
  );
  throw new AppError("BAD_INPUT", `${file}: invalid catalogue`);
}

function parseLanguage(value: string): Language {
  const code = value.trim().toLowerCase().slice(0, 2);
  if (["es", "en", "pt", "fr", "ht"].includes(code)) return code as Language;
  throw new AppError("BAD_INPUT", `--lang: expected one of es, en, pt, fr, ht; got "${value}"`);
}

function parseOn(value: string | undefined): string {
  if (value === undefined) {
    // Today in the local calendar: the only place the clock is read.
    const now = new Date();
    const pad = (n: number) => String(n).padStart(2, "0");
    return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  }
  const trimmed = value.trim();
  const [y = 0, m = 0, d = 0] = trimmed.split("-").map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  const real = date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(trimmed) || !real)
    throw new AppError("BAD_INPUT", `--on: expected a date YYYY-MM-DD, got "${value}"`);
  return trimmed;
}

function warnUnknownAnswers(given: string[], known: Set<string>, file: string): void {
  const unknown = given.filter((id) => !known.has(id));
  if (unknown.length === 0) return;
  process.stderr.write(`note: ${file}: no rule asks ${unknown.map((u) => `"${u}"`).join(", ")}; ignored\n`);
}

function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
