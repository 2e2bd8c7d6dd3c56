/** Text rules for names and places of the Americas: case, accents, punctuation, particles, abbreviations. */

const NOT_PRINTABLE_ASCII = /[^ -~]/;
const NOT_ALNUM = /[^a-z0-9]+/g;

/** Lower case, accents folded (á→a, ç→c, ñ→n), punctuation to spaces, whitespace collapsed. */
export function foldText(value: string): string {
  // Most values are printable ASCII: Unicode folding cannot change them, so skip its passes (a million records).
  if (!NOT_PRINTABLE_ASCII.test(value)) return value.toLowerCase().replace(NOT_ALNUM, " ").trim();
  return value
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/ß/g, "ss")
    .replace(/[æ]/g, "ae")
    .replace(/[œ]/g, "oe")
    .replace(/ª/g, "a ")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** Words that join surnames or mark them but carry no identity: de, del, de la, da, dos, y, … */
const PARTICLES = new Set([
  "de",
  "del",
  "la",
  "las",
  "los",
  "da",
  "das",
  "do",
  "dos",
  "di",
  "du",
  "des",
  "le",
  "van",
  "von",
  "y",
  "e",
]);

// The tables are Maps, not object literals: a name token such as "constructor" or "toString" must read as a
// name, not as a property every object inherits.

/** Given-name abbreviations seen on Latin American and Haitian documents, expanded to the full name. */
const GIVEN_ABBREVIATIONS = table({
  ma: "maria",
  jn: "jean",
  jno: "jean",
  fco: "francisco",
  fca: "francisca",
  fdo: "fernando",
  gmo: "guillermo",
  jse: "jose",
  jph: "joseph",
  jos: "jose",
  ant: "antonio",
  alej: "alejandro",
  guad: "guadalupe",
  st: "saint",
  ste: "sainte",
});

/** Surname abbreviations: St-Fleur / Ste-Anne are Saint-Fleur / Sainte-Anne. */
const SURNAME_ABBREVIATIONS = table({
  st: "saint",
  ste: "sainte",
  sta: "santa",
  sto: "santo",
});

/** Street and place abbreviations, expanded. */
const PLACE_WORDS = table({
  av: "avenida",
  avda: "avenida",
  ave: "avenue",
  c: "calle",
  cll: "calle",
  cl: "calle",
  st: "street",
  rd: "road",
  r: "rua",
  pte: "poniente",
  ote: "oriente",
  col: "colonia",
  nro: "numero",
  no: "numero",
  n: "numero",
});

function table(entries: Record<string, string>): ReadonlyMap<string, string> {
  return new Map(Object.entries(entries));
}

/** Splits a name into folded tokens; hyphenated compounds (Jean-Baptiste) become separate tokens. */
export function nameTokens(value: string): string[] {
  const folded = foldText(value);
  return folded === "" ? [] : folded.split(" ");
}

/** Given-name tokens with abbreviations expanded and particles dropped (María de los Ángeles → maria angeles). */
export function givenTokens(value: string): string[] {
  const expanded = nameTokens(value).map((t) => GIVEN_ABBREVIATIONS.get(t) ?? t);
  const kept = expanded.filter((t, i) => !(PARTICLES.has(t) && i > 0));
  return kept.filter((t) => t !== "" && !PARTICLES.has(t));
}

/** Surname tokens with particles dropped (de la Cruz → cruz, dos Santos → santos) and St. expanded. */
export function surnameTokens(value: string): string[] {
  return nameTokens(value)
    .map((t) => SURNAME_ABBREVIATIONS.get(t) ?? t)
    .filter((t) => !PARTICLES.has(t));
}

/** Street and place names: folded, common abbreviations expanded, so "Av. Juárez" meets "avenida juarez". */
export function placeText(value: string): string {
  return nameTokens(value)
    .map((t) => PLACE_WORDS.get(t) ?? t)
    .join(" ");
}

/** Keeps letters and digits of an identity document number, upper case (AB-123 456 → AB123456). */
export function documentText(value: string): string {
  return foldText(value).replace(/ /g, "").toUpperCase();
}

/** Digits of a phone number, keeping the last ten so country and trunk prefixes do not block a match. */
export function phoneText(value: string): string {
  const digits = value.replace(/\D/g, "");
  return digits.length > 10 ? digits.slice(-10) : digits;
}

/** Sex codes folded to m / f / x, whichever language they came in. */
export function sexText(value: string): string {
  const v = foldText(value);
  if (v === "") return "";
  if (["m", "male", "h", "hombre", "masculino", "masculin", "masc", "man", "gason"].includes(v)) return "m";
  if (["f", "female", "mujer", "femenino", "feminin", "feminino", "fem", "woman", "fanm"].includes(v))
    return "f";
  return "x";
}
