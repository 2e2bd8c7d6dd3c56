import { describe } from "vitest";
import { type PackScenario, runPackScenarios } from "./pack-scenarios.test-support.ts";

// Dated scenarios through the shipped Mexican and Colombian packs: what a border officer of each nation is
// told, rule by rule, with the reasons and citations each rule must show.

const NORTH = { border: "Frontera norte, Ciudad Juárez" };

const mexico: PackScenario[] = [
  {
    name: "a Mexican returned by the United States is received as a national",
    encounter: { ...NORTH, date: "2021-06-01", citizenship: "MEX" },
    authority: "ley_de_migracion",
    rules: ["mx-own-nationals", "title42-period", "child-migrants-reform"],
    eligible: { readmission: true, protection_referral: true },
  },
  {
    name: "a Honduran adult expelled under Title 42 is received case by case; assisted return or deportation possible",
    encounter: { ...NORTH, date: "2020-06-01", citizenship: "HND" },
    authority: "ley_de_migracion",
    rules: ["mx-ntca-single-adults", "retorno-asistido", "deportacion", "comar-application"],
    eligible: { readmission: true, "assisted_return HND": true, "deportation HND": true },
  },
  {
    name: "a Guatemalan family expelled under Title 42: received only where families were received, never deported",
    encounter: { ...NORTH, date: "2021-03-01", citizenship: "GTM", demographic: "family_unit" },
    authority: "ley_de_migracion",
    rules: ["mx-ntca-family-units"],
    eligible: { readmission: true, "assisted_return GTM": true, "deportation GTM": false },
  },
  {
    name: "a Honduran flown by the United States to southern Mexico in September 2021 is received at the airport",
    encounter: { border: "Aeropuerto de Villahermosa", date: "2021-09-01", citizenship: "HND" },
    authority: "ley_de_migracion",
    rules: ["mx-ntca-single-adults"],
    eligible: { readmission: true },
  },
  {
    name: "the border written the U.S. way is Mexico's northern border",
    encounter: { border: "US-southwest", date: "2021-09-01", citizenship: "SLV" },
    authority: "ley_de_migracion",
    rules: ["mx-ntca-single-adults"],
    eligible: { readmission: true },
  },
  {
    name: "a Honduran met at the southern border is not someone the United States returned",
    encounter: { border: "Frontera sur, Ciudad Hidalgo", date: "2021-09-01", citizenship: "HND" },
    authority: "ley_de_migracion",
    rules: [],
    eligible: { readmission: false, "assisted_return HND": true },
  },
  {
    name: "a Cuban expelled in June 2022: limited numbers",
    encounter: { ...NORTH, date: "2022-06-01", citizenship: "CUB" },
    authority: "ley_de_migracion",
    rules: ["mx-cubans-nicaraguans-limited"],
    eligible: { readmission: true },
  },
  {
    name: "a Venezuelan expelled on 12 October 2022",
    encounter: { ...NORTH, date: "2022-10-12", citizenship: "VEN" },
    authority: "ley_de_migracion",
    rules: ["mx-venezuelans"],
    eligible: { readmission: true },
  },
  {
    name: "a Haitian expelled in February 2023",
    encounter: { ...NORTH, date: "2023-02-01", citizenship: "HTI" },
    authority: "ley_de_migracion",
    rules: ["mx-cubans-haitians-nicaraguans"],
    eligible: { readmission: true },
  },
  {
    name: "a Haitian returned after Title 42 ended is not covered by a known acceptance",
    encounter: { ...NORTH, date: "2023-05-12", citizenship: "HTI" },
    authority: "ley_de_migracion",
    rules: [],
    eligible: { readmission: false, protection_referral: true },
  },
  {
    name: "a Salvadoran returned to await U.S. proceedings in 2019 (MPP, first period)",
    encounter: { ...NORTH, date: "2019-07-01", citizenship: "SLV" },
    authority: "ley_de_migracion",
    rules: ["mx-mpp-first-period"],
    eligible: { readmission: true },
  },
  {
    name: "a Nicaraguan returned to await U.S. proceedings in January 2022 (MPP, second period)",
    encounter: { ...NORTH, date: "2022-01-15", citizenship: "NIC" },
    authority: "ley_de_migracion",
    rules: ["mx-mpp-second-period"],
    eligible: { readmission: true },
  },
  {
    name: "an unaccompanied Honduran child at the southern border: DIF and a humanitarian visitor card, no return",
    encounter: {
      border: "Frontera sur, Tapachula",
      date: "2022-02-01",
      citizenship: "HND",
      demographic: "unaccompanied_minor",
    },
    authority: "ley_de_migracion",
    rules: ["tvrh-unaccompanied-children", "safeguard:unaccompanied_child"],
    eligible: { humanitarian_permit: true, "assisted_return HND": false, readmission: false },
    safeguards: ["unaccompanied_child"],
  },
  {
    name: "a Venezuelan asking for protection: COMAR, a humanitarian visitor card while the claim is pending",
    encounter: { border: "Frontera sur", date: "2022-02-01", citizenship: "VEN", fearClaim: true },
    authority: "ley_de_migracion",
    rules: ["tvrh-asylum-applicants", "safeguard:fear_claim"],
    eligible: { humanitarian_permit: true, protection_referral: true, "deportation VEN": false },
    safeguards: ["fear_claim"],
  },
  {
    name: "a possible trafficking victim: referral first, humanitarian visitor card open",
    encounter: {
      border: "Frontera sur",
      date: "2022-02-01",
      citizenship: "GTM",
      traffickingIndicators: ["debt bondage"],
    },
    authority: "ley_de_migracion",
    rules: ["tvrh-crime-victims", "safeguard:trafficking"],
    eligible: { humanitarian_permit: true, "deportation GTM": false },
    safeguards: ["trafficking"],
  },
  {
    name: "a medical emergency: care first, a humanitarian cause",
    encounter: {
      border: "Aeropuerto de Cancún",
      date: "2022-02-01",
      citizenship: "ECU",
      medicalEmergency: true,
    },
    authority: "ley_de_migracion",
    rules: ["tvrh-humanitarian-cause", "safeguard:medical"],
    eligible: { humanitarian_permit: true, "assisted_return ECU": false },
    safeguards: ["medical"],
  },
];

const CUCUTA = { border: "Puente Simón Bolívar, Cúcuta (Venezuela)" };

const colombia: PackScenario[] = [
  {
    name: "a Venezuelan entering through an authorised control point in June 2022 may join the ETPV",
    encounter: { ...CUCUTA, date: "2022-06-01", citizenship: "VEN", entry: "port_of_entry" },
    authority: "migracion_colombia",
    rules: ["etpv-regular-entry", "etpv", "refugee-application"],
    eligible: { temporary_protection: true, protection_referral: true },
  },
  {
    name: "a Venezuelan entering through a control point on 29 May 2023, after the two-year window",
    encounter: { ...CUCUTA, date: "2023-05-29", citizenship: "VEN", entry: "port_of_entry" },
    authority: "migracion_colombia",
    rules: [],
    eligible: { temporary_protection: false },
  },
  {
    name: "a Venezuelan met between crossings in January 2021, before the cut-off of 31 January 2021",
    encounter: { ...CUCUTA, date: "2021-01-20", citizenship: "VEN" },
    authority: "migracion_colombia",
    rules: ["etpv-irregular-before-cutoff"],
    eligible: { temporary_protection: true },
  },
  {
    name: "a Venezuelan entering irregularly in 2022 is past the cut-off: deportation possible, refugee claim open",
    encounter: { ...CUCUTA, date: "2022-06-01", citizenship: "VEN" },
    authority: "migracion_colombia",
    rules: ["co-deportation"],
    eligible: { temporary_protection: false, "deportation VEN": true, protection_referral: true },
  },
  {
    name: "a Venezuelan returned by the United States in February 2022 is received on arrival by air",
    encounter: { border: "Aeropuerto El Dorado, Bogotá", date: "2022-02-10", citizenship: "VEN" },
    authority: "migracion_colombia",
    rules: ["co-venezuelans-returned-by-us"],
    eligible: { readmission: true },
  },
  {
    name: "a Venezuelan returned by the United States, recorded without a border",
    encounter: { date: "2022-03-01", citizenship: "VEN" },
    authority: "migracion_colombia",
    rules: ["co-venezuelans-returned-by-us"],
    eligible: { readmission: true },
  },
  {
    name: "a Venezuelan returned by the United States before 27 January 2022 is not covered",
    encounter: { border: "Aeropuerto El Dorado", date: "2022-01-26", citizenship: "VEN" },
    authority: "migracion_colombia",
    rules: [],
    eligible: { readmission: false },
  },
  {
    name: "a Colombian returned by the United States is received as a national",
    encounter: { border: "Aeropuerto El Dorado", date: "2023-06-01", citizenship: "COL" },
    authority: "migracion_colombia",
    rules: ["co-own-nationals"],
    eligible: { readmission: true },
  },
  {
    name: "a Venezuelan who fears return: refugee application, no deportation",
    encounter: { ...CUCUTA, date: "2022-06-01", citizenship: "VEN", fearClaim: true },
    authority: "migracion_colombia",
    rules: ["safeguard:fear_claim"],
    eligible: { "deportation VEN": false, protection_referral: true },
    safeguards: ["fear_claim"],
  },
  {
    name: "an unaccompanied Venezuelan child is referred to the ICBF",
    encounter: { ...CUCUTA, date: "2022-06-01", citizenship: "VEN", demographic: "unaccompanied_minor" },
    authority: "migracion_colombia",
    rules: ["safeguard:unaccompanied_child"],
    safeguards: ["unaccompanied_child"],
  },
  {
    name: "a possible trafficking victim is referred before anything else",
    encounter: {
      border: "Necoclí (Panamá)",
      date: "2022-06-01",
      citizenship: "HTI",
      traffickingIndicators: ["withheld documents"],
    },
    authority: "migracion_colombia",
    rules: ["safeguard:trafficking"],
    eligible: { "deportation HTI": false },
    safeguards: ["trafficking"],
  },
  {
    name: "a medical emergency: care first",
    encounter: { ...CUCUTA, date: "2022-06-01", citizenship: "VEN", medicalEmergency: true },
    authority: "migracion_colombia",
    rules: ["safeguard:medical"],
    eligible: { "deportation VEN": false },
    safeguards: ["medical"],
  },
];

describe("the Mexican pack, rule by rule", () => {
  runPackScenarios("MEX", mexico);
});

describe("the Colombian pack, rule by rule", () => {
  runPackScenarios("COL", colombia);
});
