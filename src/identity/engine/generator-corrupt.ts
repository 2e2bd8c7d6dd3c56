import { randomBelow } from "../../shared/seeded-random.ts";
import type { GeneratedPerson } from "./generated-person.ts";

type Corruption = (random: () => number, p: GeneratedPerson) => void;

const ABBREVIATE: Record<string, string> = {
  María: "Ma.",
  Maria: "Ma.",
  Jean: "Jn",
  Francisco: "Fco.",
  Fernando: "Fdo.",
  Guillermo: "Gmo.",
  José: "Jse.",
  Joseph: "Jph.",
};

/** Respellings across Spanish, Portuguese, French and Haitian Creole, and accents dropped or kept. */
const RESPELL: Array<[RegExp, string]> = [
  [/ph/g, "f"],
  [/Joseph/g, "Jozèf"],
  [/Pierre/g, "Pyè"],
  [/çois/g, "swa"],
  [/ç/g, "ss"],
  [/z$/g, "s"],
  [/s$/g, "z"],
  [/Luis/g, "Luiz"],
  [/ll/g, "y"],
  [/y/g, "i"],
  [/v/g, "b"],
  [/Felipe/g, "Filipe"],
  [/ou/g, "u"],
];

function typo(random: () => number, text: string): string {
  if (text.length < 3) return text;
  const i = 1 + randomBelow(random, text.length - 2);
  const kind = randomBelow(random, 4);
  const letter = "abcdeghilmnorstu"[randomBelow(random, 16)]!;
  if (kind === 0) return text.slice(0, i) + text.slice(i + 1);
  if (kind === 1) return text.slice(0, i) + letter + text.slice(i + 1);
  if (kind === 2) return text.slice(0, i) + letter + text.slice(i);
  return text.slice(0, i - 1) + text[i] + text[i - 1] + text.slice(i + 1);
}

function stripAccents(text: string): string {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
}

function respell(random: () => number, text: string): string {
  const rules = RESPELL.filter(([re]) => {
    re.lastIndex = 0;
    return re.test(text);
  });
  if (rules.length === 0) return stripAccents(text);
  const [re, to] = rules[randomBelow(random, rules.length)]!;
  re.lastIndex = 0;
  return text.replace(re, to);
}

const CORRUPTIONS: Corruption[] = [
  (r, p) => (p.given_name = typo(r, p.given_name)),
  (r, p) => (p.surname = typo(r, p.surname)),
  (_, p) => (p.given_name = stripAccents(p.given_name).toUpperCase()),
  (r, p) => (p.given_name = respell(r, p.given_name)),
  (r, p) => (p.surname = respell(r, p.surname)),
  (_, p) => (p.given_name = p.given_name.replace(/^[^\s-]+/, (w) => ABBREVIATE[w] ?? w)),
  (_, p) => (p.middle_name = ""),
  (_, p) => (p.second_surname = ""),
  (_, p) =>
    ([p.surname, p.second_surname] = [p.second_surname || p.surname, p.second_surname ? p.surname : ""]),
  (_, p) => ([p.given_name, p.surname] = [p.surname, p.given_name]),
  (_, p) => (p.surname = p.surname.replace(/^(da|dos|de) /, "")),
  (_, p) => (p.given_name = p.given_name.replace("-", " ")),
  (_, p) => (p.date_of_birth = swapDayMonth(p.date_of_birth)),
  (_, p) => (p.date_of_birth = p.date_of_birth.slice(0, 4)),
  (r, p) => (p.date_of_birth = typoDigit(r, p.date_of_birth)),
  (_, p) => (p.date_of_birth = toDayFirst(p.date_of_birth)),
  (r, p) => (p.document_number = typoDigit(r, p.document_number)),
  (_, p) => (p.document_number = ""),
  (_, p) => (p.phone = ""),
  (_, p) => (p.phone = p.phone.replace(/^\+\d+ /, "0")),
  (_, p) => (p.city = ""),
  (_, p) => (p.sex = ""),
];

function swapDayMonth(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m && Number(m[3]) <= 12 ? `${m[1]}-${m[3]}-${m[2]}` : date;
}

function toDayFirst(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : date;
}

function typoDigit(random: () => number, text: string): string {
  const positions = [...text].map((c, i) => (/\d/.test(c) ? i : -1)).filter((i) => i >= 0);
  if (positions.length === 0) return text;
  const i = positions[randomBelow(random, positions.length)]!;
  return text.slice(0, i) + String((Number(text[i]) + 1 + randomBelow(random, 8)) % 10) + text.slice(i + 1);
}

/**
 * What old, sparse records add to a clerk's slips (historical registers, paper files typed in later): a name
 * or a date left out, a birth year off by one, a birthplace not written, a second typo. Each applies on its
 * own, so some copies keep little that the original has.
 */
const HEAVY: [number, Corruption][] = [
  [0.15, (_, p) => (p.given_name = "")],
  [0.15, (_, p) => (p.surname = "")],
  [0.3, (r, p) => (p.given_name = typo(r, p.given_name))],
  [0.3, (r, p) => (p.surname = typo(r, p.surname))],
  [0.2, (r, p) => (p.date_of_birth = shiftYear(r, p.date_of_birth))],
  [0.15, (_, p) => (p.date_of_birth = "")],
  [0.2, (_, p) => (p.birth_place = "")],
  [0.3, (_, p) => (p.city = "")],
];

function shiftYear(random: () => number, date: string): string {
  const m = /^(\d{4})(-.*)$/.exec(date);
  return m ? `${Number(m[1]) + (random() < 0.5 ? 1 : -1)}${m[2]}` : date;
}

/**
 * A copy of a person with one to four corruptions, as a second registration by another clerk would have;
 * `heavy` adds the losses of old, sparse records on top.
 */
export function corruptPerson(
  random: () => number,
  original: GeneratedPerson,
  heavy = false,
): GeneratedPerson {
  const copy = { ...original };
  const count = 1 + randomBelow(random, 4);
  for (let k = 0; k < count; k++) CORRUPTIONS[randomBelow(random, CORRUPTIONS.length)]!(random, copy);
  if (heavy) for (const [chance, corrupt] of HEAVY) if (random() < chance) corrupt(random, copy);
  return copy;
}
