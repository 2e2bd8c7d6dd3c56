/**
 * A phonetic key for names of Spanish, Portuguese, French and Haitian Creole origin. Soundex and
 * Metaphone are built for English; these rules follow how Romance names are spelled and respelled
 * across the region (Gonçalves/Gonzalves, Joseph/Jozèf, Luiz/Luis, Yolanda/Llolanda, François/Franswa).
 */

// Order matters: longer spellings are rewritten before the letters inside them.
const RULES: Array<[RegExp, string]> = [
  [/ncoi/g, "nsua"],
  [/eau/g, "o"],
  [/au/g, "o"],
  [/ou/g, "u"],
  [/oi/g, "ua"],
  [/wa/g, "ua"],
  [/sch/g, "x"],
  [/ch/g, "x"],
  [/sh/g, "x"],
  [/ph/g, "f"],
  [/th/g, "t"],
  [/lh/g, "li"],
  [/nh/g, "ni"],
  [/gn/g, "ni"],
  [/ny/g, "ni"],
  [/ll/g, "i"],
  [/qu/g, "k"],
  [/gu([ei])/g, "g$1"],
  [/g([ei])/g, "j$1"],
  [/c([eiy])/g, "s$1"],
  [/cc/g, "ks"],
  [/c/g, "k"],
  [/q/g, "k"],
  [/z/g, "s"],
  [/ss/g, "s"],
  [/v/g, "b"],
  [/w/g, "u"],
  [/y/g, "i"],
  [/h/g, ""],
  [/ei|ai/g, "e"],
  [/[i]/g, "e"],
  [/[o]/g, "u"],
];

/** Phonetic key of one folded token (letters only); empty for an empty token. */
export function phoneticKey(token: string): string {
  let key = token.replace(/[^a-z]/g, "");
  if (key === "") return "";
  for (const [pattern, replacement] of RULES) key = key.replace(pattern, replacement);
  // French and Creole drop a final e or silent consonant after a vowel (Louise/Luiz, Robert/Robè).
  key = key.replace(/([aeu])[stdx]$/, "$1").replace(/(.)e$/, "$1");
  return key.replace(/(.)\1+/g, "$1");
}
