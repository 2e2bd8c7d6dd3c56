import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { root } from "./architecture-graph.ts";

/**
 * Every word a staff page shows comes from the language files, so it exists in the five languages. This reads
 * each staff component's syntax tree and fails on text written straight into it: JSX text with letters, and
 * the attributes people read or hear (label, title, placeholder, alt, aria-label) given as a plain string.
 * The portal has its own texts and is checked the same way by its language files.
 */
const WEB = path.join(root, "web/src");
const READ_ATTRIBUTES = new Set(["title", "placeholder", "alt", "aria-label", "label"]);
/** Text that is the same in every language: symbols, punctuation, and examples of codes to type. */
const UNIVERSAL = /^[\s\p{P}\p{S}\d]*$|^(VEN|ISO3|ISO 3166)$/u;

function componentFiles(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === "portal" ? [] : componentFiles(full);
    return entry.name.endsWith(".tsx") ? [full] : [];
  });
}

function writtenIn(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const where = (node: ts.Node) =>
    `${path.relative(root, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) {
      const text = node.getText().trim();
      if (text !== "" && !UNIVERSAL.test(text)) found.push(`${where(node)} "${text}"`);
    }
    if (ts.isJsxAttribute(node) && node.initializer && ts.isStringLiteral(node.initializer)) {
      const name = node.name.getText();
      const text = node.initializer.text;
      if (READ_ATTRIBUTES.has(name) && !UNIVERSAL.test(text)) found.push(`${where(node)} ${name}="${text}"`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/**
 * Dates and numbers go through `src/shared/locale-format.ts`: the browser's own formatters have no Haitian
 * Creole and silently write English. The officer's calendar date in ISO form (`sv-SE`) is not shown as text.
 */
const BROWSER_FORMATTING =
  /new Intl\.(DateTimeFormat|NumberFormat)\(|\.toLocale(Date|Time)?String\((?!"sv-SE")/;

function formattedByBrowser(file: string): string[] {
  return fs
    .readFileSync(file, "utf8")
    .split("\n")
    .flatMap((line, i) => (BROWSER_FORMATTING.test(line) ? [`${path.relative(root, file)}:${i + 1}`] : []));
}

describe("staff pages", () => {
  it("format dates and numbers through the platform's formatter, which writes Haitian Creole too", () => {
    expect(componentFiles(WEB).flatMap(formattedByBrowser)).toEqual([]);
  });

  it("write no words of their own: every text comes from the language files", () => {
    const files = componentFiles(WEB);
    expect(files.length).toBeGreaterThan(50);
    expect(files.flatMap(writtenIn)).toEqual([]);
  });
});
