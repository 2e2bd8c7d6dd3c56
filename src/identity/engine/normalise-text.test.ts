import { describe, expect, it } from "vitest";
import {
  documentText,
  foldText,
  givenTokens,
  phoneText,
  placeText,
  sexText,
  surnameTokens,
} from "./normalise-text.ts";

describe("foldText", () => {
  it.each([
    ["José", "jose"],
    ["  MARÍA   JOSÉ ", "maria jose"],
    ["Gonçalves", "goncalves"],
    ["Nuñez-Peña", "nunez pena"],
    ["Cap-Haïtien", "cap haitien"],
    ["O'Brien", "o brien"],
    ["Mª", "ma"],
    ["", ""],
  ])("%s → %s", (input, expected) => expect(foldText(input)).toBe(expected));
});

describe("givenTokens", () => {
  it.each([
    ["María José", ["maria", "jose"]],
    ["Ma. José", ["maria", "jose"]],
    ["Jean-Baptiste", ["jean", "baptiste"]],
    ["Jn Baptiste", ["jean", "baptiste"]],
    ["Fco. Javier", ["francisco", "javier"]],
    ["María de los Ángeles", ["maria", "angeles"]],
    ["Jph.", ["joseph"]],
  ])("%s → %j", (input, expected) => expect(givenTokens(input)).toEqual(expected));
});

describe("surnameTokens", () => {
  it.each([
    ["de la Cruz", ["cruz"]],
    ["dos Santos", ["santos"]],
    ["Da Silva", ["silva"]],
    ["del Río", ["rio"]],
    ["Pérez y García", ["perez", "garcia"]],
    ["St-Fleur", ["saint", "fleur"]],
    ["Saint-Fleur", ["saint", "fleur"]],
    ["van der Berg", ["der", "berg"]],
  ])("%s → %j", (input, expected) => expect(surnameTokens(input)).toEqual(expected));
});

describe("documents, phones, places and sex", () => {
  it.each([
    [documentText, "ab-123 456", "AB123456"],
    [documentText, "V-12.345.678", "V12345678"],
    [phoneText, "+52 (55) 1234-5678", "5512345678"],
    [phoneText, "0055 1234 5678", "5512345678"],
    [phoneText, "", ""],
    [placeText, "Av. Juárez", "avenida juarez"],
    [sexText, "Femenino", "f"],
    [sexText, "hombre", "m"],
    [sexText, "fanm", "f"],
    [sexText, "no binario", "x"],
    [sexText, "", ""],
  ] as const)("%o(%s) → %s", (fn, input, expected) => expect(fn(input)).toBe(expected));
});

describe("names that are also property names of every object", () => {
  it.each(["constructor", "toString", "__proto__", "hasOwnProperty", "valueOf"])(
    "%s stays a name",
    (name) => {
      const token = name.toLowerCase().replace(/_/g, "");
      expect(givenTokens(name)).toEqual([token]);
      expect(surnameTokens(name)).toEqual([token]);
      expect(placeText(name)).toBe(token);
    },
  );
});
