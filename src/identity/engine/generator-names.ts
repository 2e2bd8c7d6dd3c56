import { parse } from "csv-parse/sync";

/** Name pools per country (ISO 3166 alpha-2), as the generator draws from them. */
export interface NamePools {
  female: Map<string, string[]>;
  male: Map<string, string[]>;
  surnames: Map<string, string[]>;
}

/** Countries the generator draws people from, with a weight for how often. */
export const GENERATED_COUNTRIES: ReadonlyArray<[string, number]> = [
  ["MX", 14],
  ["GT", 8],
  ["HN", 8],
  ["SV", 6],
  ["CO", 10],
  ["VE", 14],
  ["EC", 6],
  ["PE", 5],
  ["CU", 4],
  ["HT", 12],
  ["BR", 9],
  ["NI", 4],
];

/** Countries without their own list borrow a neighbour's. */
const BORROW: Record<string, string> = { HN: "GT", NI: "SV", CU: "DO", VE: "CO" };

// Built in because no open list of Haitian surnames exists in the shared name lists.
const HAITIAN_SURNAMES =
  "Joseph Jean Pierre Louis Charles Baptiste Jean-Baptiste Saint-Fleur Paul Michel Alexis François Étienne Noël " +
  "Désir Dorval Augustin Célestin Toussaint Petit-Frère Laguerre Cadet Vilsaint Exantus Estimé Georges Guerrier " +
  "Philippe Fils-Aimé Jeune Simon Valcourt Thermidor Dieudonné Lafortune Auguste Bien-Aimé Saint-Louis Pierre-Louis " +
  "Jean-Louis Jean-Charles Similien Delva Destin Innocent Métellus Chéry Casimir Lamour Moïse Nelson Raymond";

const FALLBACK = {
  female:
    "María Guadalupe Ana Rosa Carmen Sofía Valentina Daniela Fernanda Gabriela Lucía Isabel Paola Yesenia Marie Nadège Fabiola",
  male: "José Juan Luis Carlos Jorge Miguel Pedro Francisco Antonio Jesús Manuel Andrés Jean Pierre Wilner Jacques João",
  surnames:
    "García Hernández Martínez López González Rodríguez Pérez Sánchez Ramírez Cruz Flores Gómez Díaz Reyes Morales " +
    "Castillo Jiménez Vásquez Romero Herrera Silva Santos Oliveira Souza Lima Ferreira Alves Pereira Gonçalves",
};

/** Reads the shared popular-name lists (forenames by country and sex, surnames by country). */
export function namePoolsFromLists(forenamesCsv: string, surnamesCsv: string): NamePools {
  const pools: NamePools = { female: new Map(), male: new Map(), surnames: new Map() };
  const forenames = parse(forenamesCsv, { bom: true, columns: true, trim: true }) as Record<string, string>[];
  for (const row of forenames) {
    const target = row.Gender === "F" ? pools.female : row.Gender === "M" ? pools.male : null;
    const name = row["Romanized Name"] || row["Localized Name"];
    if (target && name && row.Country) push(target, row.Country, name);
  }
  const surnames = parse(surnamesCsv, { bom: true, columns: true, trim: true }) as Record<string, string>[];
  for (const row of surnames) {
    const name = row["Localized Name"] || row["Romanized Name"];
    if (name && row.Country) push(pools.surnames, row.Country, name);
  }
  return withBuiltIns(pools);
}

/** Pools from the built-in lists only, for when the shared lists are not at hand. */
export function builtInNamePools(): NamePools {
  return withBuiltIns({ female: new Map(), male: new Map(), surnames: new Map() });
}

function push(map: Map<string, string[]>, country: string, name: string): void {
  const list = map.get(country) ?? [];
  if (!list.includes(name)) list.push(name);
  map.set(country, list);
}

function withBuiltIns(pools: NamePools): NamePools {
  if (!pools.surnames.has("HT")) pools.surnames.set("HT", HAITIAN_SURNAMES.split(" "));
  return pools;
}

/** The pool for a country: its own list, a neighbour's, or the built-in fallback. */
export function poolFor(map: Map<string, string[]>, country: string, kind: keyof typeof FALLBACK): string[] {
  return map.get(country) ?? map.get(BORROW[country] ?? "") ?? FALLBACK[kind].split(" ");
}

/** Towns people give as their place of birth or residence, per country. */
export const TOWNS: Record<string, string[]> = {
  MX: ["Ciudad de México", "Guadalajara", "Monterrey", "Puebla", "Tijuana", "Oaxaca de Juárez", "Tapachula"],
  GT: ["Ciudad de Guatemala", "Quetzaltenango", "Huehuetenango", "Cobán", "Escuintla"],
  HN: ["Tegucigalpa", "San Pedro Sula", "La Ceiba", "Choluteca", "Comayagua"],
  SV: ["San Salvador", "Santa Ana", "San Miguel", "Soyapango", "Usulután"],
  CO: ["Bogotá", "Medellín", "Cali", "Barranquilla", "Cúcuta", "Bucaramanga"],
  VE: ["Caracas", "Maracaibo", "Valencia", "Barquisimeto", "San Cristóbal", "Maturín"],
  EC: ["Quito", "Guayaquil", "Cuenca", "Santo Domingo de los Colorados", "Machala"],
  PE: ["Lima", "Arequipa", "Trujillo", "Chiclayo", "Piura"],
  CU: ["La Habana", "Santiago de Cuba", "Camagüey", "Holguín", "Santa Clara"],
  HT: ["Port-au-Prince", "Cap-Haïtien", "Gonaïves", "Les Cayes", "Jacmel", "Saint-Marc", "Pétion-Ville"],
  BR: ["São Paulo", "Rio de Janeiro", "Belo Horizonte", "Salvador", "Fortaleza", "Recife", "Manaus"],
  NI: ["Managua", "León", "Masaya", "Matagalpa", "Chinandega"],
};
