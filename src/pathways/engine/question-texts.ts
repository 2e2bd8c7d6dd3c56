import type { Catalog } from "./catalog.ts";
import { inCountry } from "./country-names.ts";
import { completeTexts, formatDate, type Language, type Texts } from "./language.ts";
import { leavesOf, parseIrregularEntryId } from "./questions.ts";
import { countryList } from "./vocabulary.ts";

/** Takes the "in <country>" phrase of the language. */
type Ask = (inCountry: string) => string;

// How the portal asks each built-in question. Country-specific questions take the country's name.
const fixed: Record<string, Record<Language, string>> = {
  nationality: {
    en: "What is your nationality? (If you have more than one, give them all.)",
    es: "¿Cuál es su nacionalidad? (Si tiene más de una, indíquelas todas.)",
    pt: "Qual é a sua nacionalidade? (Se tiver mais de uma, informe todas.)",
    fr: "Quelle est votre nationalité ? (Si vous en avez plusieurs, indiquez-les toutes.)",
    ht: "Ki nasyonalite ou? (Si ou gen plis pase youn, bay yo tout.)",
  },
  current_country: {
    en: "In which country do you live now?",
    es: "¿En qué país vive ahora?",
    pt: "Em que país você mora agora?",
    fr: "Dans quel pays vivez-vous actuellement ?",
    ht: "Nan ki peyi w ap viv kounye a?",
  },
  arrival_date: {
    en: "On what date did you arrive in the country where you live now?",
    es: "¿En qué fecha llegó al país donde vive ahora?",
    pt: "Em que data você chegou ao país onde mora agora?",
    fr: "À quelle date êtes-vous arrivé(e) dans le pays où vous vivez actuellement ?",
    ht: "Ki dat ou te rive nan peyi kote w ap viv kounye a?",
  },
  date_of_birth: {
    en: "What is your date of birth?",
    es: "¿Cuál es su fecha de nacimiento?",
    pt: "Qual é a sua data de nascimento?",
    fr: "Quelle est votre date de naissance ?",
    ht: "Ki dat nesans ou?",
  },
  vulnerabilities: {
    en: "Do any of these situations apply to you or to someone travelling with you?",
    es: "¿Alguna de estas situaciones se aplica a usted o a alguien que viaja con usted?",
    pt: "Alguma destas situações se aplica a você ou a alguém que viaja com você?",
    fr: "L'une de ces situations vous concerne-t-elle, vous ou une personne qui voyage avec vous ?",
    ht: "Èske youn nan sitiyasyon sa yo konsène w oswa yon moun k ap vwayaje avè w?",
  },
  exclusions: {
    en: "Do any of these apply to you? Answer honestly: a person reviews every case.",
    es: "¿Alguna de estas situaciones se aplica a usted? Responda con sinceridad: una persona revisa cada caso.",
    pt: "Alguma destas situações se aplica a você? Responda com sinceridade: uma pessoa analisa cada caso.",
    fr: "L'une de ces situations vous concerne-t-elle ? Répondez honnêtement : une personne examine chaque dossier.",
    ht: "Èske youn nan bagay sa yo konsène w? Reponn onètman: se yon moun ki egzamine chak dosye.",
  },
  status_elsewhere: {
    en: "Besides your nationality, do you hold any of these in another country?",
    es: "Además de su nacionalidad, ¿tiene alguna de estas condiciones en otro país?",
    pt: "Além da sua nacionalidade, você tem alguma destas condições em outro país?",
    fr: "En plus de votre nationalité, avez-vous l'un de ces statuts dans un autre pays ?",
    ht: "Anplis nasyonalite ou, èske ou gen youn nan estati sa yo nan yon lòt peyi?",
  },
};

// Asked with the countries and the date of the rule: "after 19 October 2022, did you enter …".
const irregularEntry: Record<Language, (countries: string, date: string) => string> = {
  en: (c, d) =>
    `After ${d}, did you enter ${c} without authorisation (for example between official border crossings)?`,
  es: (c, d) =>
    `Después del ${d}, ¿entró a ${c} sin autorización (por ejemplo, fuera de los puestos fronterizos oficiales)?`,
  pt: (c, d) =>
    `Depois de ${d}, você entrou em ${c} sem autorização (por exemplo, fora dos postos de fronteira oficiais)?`,
  fr: (c, d) =>
    `Après le ${d}, êtes-vous entré(e) sans autorisation dans l'un de ces pays : ${c} (par exemple hors des postes-frontières officiels) ?`,
  ht: (c, d) =>
    `Apre ${d}, èske ou te antre nan ${c} san otorizasyon (pa egzanp, pa kote ki pa pòs fwontyè ofisyèl)?`,
};

const perCountry: Record<string, Record<Language, Ask>> = {
  family_in: {
    en: (c) => `Which of these family members live ${c} legally (as citizens or residents)?`,
    es: (c) => `¿Cuáles de estos familiares viven ${c} de forma legal (como ciudadanos o residentes)?`,
    pt: (c) => `Quais destes familiares vivem ${c} de forma legal (como cidadãos ou residentes)?`,
    fr: (c) =>
      `Lesquels de ces membres de votre famille vivent légalement ${c} (comme citoyens ou résidents) ?`,
    ht: (c) => `Kiles nan manm fanmi sa yo ki abite legalman ${c} (kòm sitwayen oswa rezidan)?`,
  },
  sponsor_in: {
    en: (c) => `Does a person or organisation ${c} agree to sponsor and support you?`,
    es: (c) => `¿Una persona u organización ${c} acepta patrocinarle y apoyarle?`,
    pt: (c) => `Uma pessoa ou organização ${c} aceita patrocinar e apoiar você?`,
    fr: (c) => `Une personne ou une organisation ${c} accepte-t-elle de vous parrainer et de vous soutenir ?`,
    ht: (c) => `Èske gen yon moun oswa yon òganizasyon ${c} ki dakò sponsò w epi ede w?`,
  },
  job_offer_in: {
    en: (c) => `Do you have a written job offer from an employer ${c}?`,
    es: (c) => `¿Tiene una oferta de empleo por escrito de un empleador ${c}?`,
    pt: (c) => `Você tem uma oferta de emprego por escrito de um empregador ${c}?`,
    fr: (c) => `Avez-vous une offre d'emploi écrite d'un employeur établi ${c} ?`,
    ht: (c) => `Èske ou gen yon òf travay alekri nan men yon patwon ${c}?`,
  },
  job_sector_in: {
    en: (c) => `In which sector is the job offered ${c}?`,
    es: (c) => `¿En qué sector es el empleo ofrecido ${c}?`,
    pt: (c) => `Em que setor é o emprego oferecido ${c}?`,
    fr: (c) => `Dans quel secteur est l'emploi proposé ${c} ?`,
    ht: (c) => `Nan ki sektè travay yo ofri w ${c} a ye?`,
  },
};

/** The wording of the catalogue's own questions (rules of kind `answer` that carry a `text`). */
export function customQuestionTexts(catalog: Catalog): Map<string, Texts> {
  const texts = new Map<string, Texts>();
  for (const set of catalog.pathways.flatMap((p) => p.ruleSets)) {
    for (const leaf of leavesOf(set.rules)) {
      if (leaf.kind === "answer" && leaf.text !== undefined && !texts.has(leaf.question)) {
        texts.set(leaf.question, completeTexts(leaf.text));
      }
    }
  }
  return texts;
}

/** How the portal asks question `id` in `lang`; an unknown question is shown as its id in words. */
export function questionText(id: string, lang: Language, custom?: ReadonlyMap<string, Texts>): string {
  const own = custom?.get(id);
  if (own) return own[lang];
  const known = fixed[id];
  if (known) return known[lang];
  const irregular = parseIrregularEntryId(id);
  if (irregular) {
    return irregularEntry[lang](countryList(irregular.countries, lang), formatDate(irregular.after, lang));
  }
  const match = /^(family_in|sponsor_in|job_offer_in|job_sector_in)_([A-Z]{3})$/.exec(id);
  const ask = match?.[1] ? perCountry[match[1]] : undefined;
  if (ask && match?.[2]) return ask[lang](inCountry(match[2], lang));
  return id.replaceAll("_", " ");
}
