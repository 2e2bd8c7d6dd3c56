import type { Language } from "./language.ts";
import type { LeafKind, Outcome } from "./rule-types.ts";

/** The words a reason is built from, already in the applicant's language. */
export interface ReasonWords {
  countries: string;
  inCountry: string;
  date: string;
  range: string;
  relations: string;
  sectors: string;
  categories: string;
  grounds: string;
  statuses: string;
  question: string;
}

type Template = (w: ReasonWords) => string;
type KindTemplates = Record<Outcome, Template>;

// One reason per rule kind and outcome. Spanish, French and Portuguese use the formal address governments
// use with the public; Haitian Creole says "pwogram" (programme), the word people use for these pathways.
export const reasonTemplates: Record<Language, Record<LeafKind, KindTemplates>> = {
  en: {
    nationality: {
      eligible: (w) => `Your nationality is one of those this pathway accepts (${w.countries}).`,
      not_eligible: (w) =>
        `This pathway is for nationals of ${w.countries}; your nationality is not among them.`,
      maybe: (w) => `We need your nationality: this pathway is for nationals of ${w.countries}.`,
    },
    presence: {
      eligible: (w) => `You are ${w.inCountry} and arrived on or before ${w.date}.`,
      not_eligible: (w) =>
        `This pathway requires being ${w.inCountry} and having arrived on or before ${w.date}; your answers do not meet this.`,
      maybe: (w) =>
        `We need to know where you live now and when you arrived: this pathway requires being ${w.inCountry} since ${w.date} or earlier.`,
    },
    age: {
      eligible: (w) => `Your age meets the requirement (${w.range}).`,
      not_eligible: (w) => `Applicants must be ${w.range}; your age does not meet this.`,
      maybe: (w) => `We need your date of birth: applicants must be ${w.range}.`,
    },
    family_tie: {
      eligible: (w) =>
        `You have a family member ${w.inCountry} of the kind this pathway requires (${w.relations}).`,
      not_eligible: (w) =>
        `This pathway requires a family member ${w.inCountry} (${w.relations}); your answers show none.`,
      maybe: (w) => `We need to know which family members you have ${w.inCountry} (${w.relations}).`,
    },
    sponsor: {
      eligible: (w) => `You have a sponsor ${w.inCountry}.`,
      not_eligible: (w) =>
        `This pathway requires a sponsor ${w.inCountry} (a person or organisation who commits to support you); you said you have none.`,
      maybe: (w) => `We need to know whether someone ${w.inCountry} will sponsor you.`,
    },
    job_offer: {
      eligible: (w) => `You have a job offer ${w.inCountry}${w.sectors}.`,
      not_eligible: (w) =>
        `This pathway requires a job offer ${w.inCountry}${w.sectors}; your answers do not show one.`,
      maybe: (w) => `We need to know whether you have a job offer ${w.inCountry}${w.sectors}.`,
    },
    vulnerability: {
      eligible: (w) => `You are in a situation this pathway gives priority to (${w.categories}).`,
      not_eligible: (w) =>
        `This pathway is for people in one of these situations: ${w.categories}; your answers show none of them.`,
      maybe: (w) => `We need to know whether any of these situations applies to you: ${w.categories}.`,
    },
    exclusion: {
      eligible: () => "None of the situations that exclude people from this pathway applies to you.",
      not_eligible: (w) => `One of your answers is a reason this pathway excludes (${w.grounds}).`,
      maybe: (w) => `We need to know whether any of these applies to you: ${w.grounds}.`,
    },
    outside: {
      eligible: (w) => `You live outside the country this pathway leads to (you are not ${w.inCountry}).`,
      not_eligible: (w) =>
        `This pathway is for people outside the country it leads to; you said you are ${w.inCountry}.`,
      maybe: (w) =>
        `We need to know where you live now: this pathway is not for people already ${w.inCountry}.`,
    },
    status_elsewhere: {
      eligible: () =>
        "You hold none of the statuses in another country that exclude people from this pathway.",
      not_eligible: (w) =>
        `This pathway excludes people who hold, in another country, any of these: ${w.statuses}; your answers show one.`,
      maybe: (w) => `We need to know whether you hold any of these in another country: ${w.statuses}.`,
    },
    irregular_entry: {
      eligible: (w) => `You have not entered ${w.countries} without authorisation after ${w.date}.`,
      not_eligible: (w) =>
        `This pathway excludes people who entered ${w.countries} without authorisation after ${w.date}; you said you did.`,
      maybe: (w) =>
        `We need to know whether you entered ${w.countries} without authorisation after ${w.date}.`,
    },
    answer: {
      eligible: (w) => `Your answer to “${w.question}” meets this pathway's requirement.`,
      not_eligible: (w) => `Your answer to “${w.question}” does not meet this pathway's requirement.`,
      maybe: (w) => `We need your answer to “${w.question}”.`,
    },
  },
  es: {
    nationality: {
      eligible: (w) => `Su nacionalidad es una de las que acepta esta vía (${w.countries}).`,
      not_eligible: (w) =>
        `Esta vía es para nacionales de ${w.countries}; su nacionalidad no está entre ellas.`,
      maybe: (w) => `Necesitamos saber su nacionalidad: esta vía es para nacionales de ${w.countries}.`,
    },
    presence: {
      eligible: (w) => `Usted está ${w.inCountry} y llegó el ${w.date} o antes.`,
      not_eligible: (w) =>
        `Esta vía exige estar ${w.inCountry} y haber llegado el ${w.date} o antes; sus respuestas no lo cumplen.`,
      maybe: (w) =>
        `Necesitamos saber dónde vive ahora y cuándo llegó: esta vía exige estar ${w.inCountry} desde el ${w.date} o antes.`,
    },
    age: {
      eligible: (w) => `Su edad cumple el requisito (${w.range}).`,
      not_eligible: (w) => `Para esta vía hay que ${w.range}; su edad no lo cumple.`,
      maybe: (w) => `Necesitamos su fecha de nacimiento: para esta vía hay que ${w.range}.`,
    },
    family_tie: {
      eligible: (w) => `Tiene un familiar ${w.inCountry} del tipo que exige esta vía (${w.relations}).`,
      not_eligible: (w) =>
        `Esta vía exige tener un familiar ${w.inCountry} (${w.relations}); sus respuestas no muestran ninguno.`,
      maybe: (w) => `Necesitamos saber qué familiares tiene ${w.inCountry} (${w.relations}).`,
    },
    sponsor: {
      eligible: (w) => `Tiene un patrocinador ${w.inCountry}.`,
      not_eligible: (w) =>
        `Esta vía exige un patrocinador ${w.inCountry} (una persona u organización que se compromete a apoyarle); usted indicó que no lo tiene.`,
      maybe: (w) => `Necesitamos saber si alguien ${w.inCountry} le patrocinará.`,
    },
    job_offer: {
      eligible: (w) => `Tiene una oferta de empleo ${w.inCountry}${w.sectors}.`,
      not_eligible: (w) =>
        `Esta vía exige una oferta de empleo ${w.inCountry}${w.sectors}; sus respuestas no muestran ninguna.`,
      maybe: (w) => `Necesitamos saber si tiene una oferta de empleo ${w.inCountry}${w.sectors}.`,
    },
    vulnerability: {
      eligible: (w) => `Usted está en una situación a la que esta vía da prioridad (${w.categories}).`,
      not_eligible: (w) =>
        `Esta vía es para personas en alguna de estas situaciones: ${w.categories}; sus respuestas no muestran ninguna.`,
      maybe: (w) => `Necesitamos saber si alguna de estas situaciones es la suya: ${w.categories}.`,
    },
    exclusion: {
      eligible: () => "No le aplica ninguna de las situaciones que excluyen de esta vía.",
      not_eligible: (w) => `Una de sus respuestas es un motivo de exclusión de esta vía (${w.grounds}).`,
      maybe: (w) => `Necesitamos saber si alguna de estas situaciones le aplica: ${w.grounds}.`,
    },
    outside: {
      eligible: (w) => `Usted vive fuera del país al que lleva esta vía (no está ${w.inCountry}).`,
      not_eligible: (w) =>
        `Esta vía es para personas fuera del país al que lleva; usted indicó que está ${w.inCountry}.`,
      maybe: (w) =>
        `Necesitamos saber dónde vive ahora: esta vía no es para quienes ya están ${w.inCountry}.`,
    },
    status_elsewhere: {
      eligible: () => "No tiene en otro país ninguna de las condiciones que excluyen de esta vía.",
      not_eligible: (w) =>
        `Esta vía excluye a quienes tienen en otro país alguna de estas condiciones: ${w.statuses}; sus respuestas muestran una.`,
      maybe: (w) => `Necesitamos saber si tiene en otro país alguna de estas condiciones: ${w.statuses}.`,
    },
    irregular_entry: {
      eligible: (w) => `Usted no entró sin autorización a ${w.countries} después del ${w.date}.`,
      not_eligible: (w) =>
        `Esta vía excluye a quienes entraron sin autorización a ${w.countries} después del ${w.date}; usted indicó que lo hizo.`,
      maybe: (w) => `Necesitamos saber si entró sin autorización a ${w.countries} después del ${w.date}.`,
    },
    answer: {
      eligible: (w) => `Su respuesta a «${w.question}» cumple el requisito de esta vía.`,
      not_eligible: (w) => `Su respuesta a «${w.question}» no cumple el requisito de esta vía.`,
      maybe: (w) => `Necesitamos su respuesta a «${w.question}».`,
    },
  },
  pt: {
    nationality: {
      eligible: (w) => `Sua nacionalidade está entre as aceitas por esta via (${w.countries}).`,
      not_eligible: (w) =>
        `Esta via é para nacionais de ${w.countries}; sua nacionalidade não está entre elas.`,
      maybe: (w) => `Precisamos saber sua nacionalidade: esta via é para nacionais de ${w.countries}.`,
    },
    presence: {
      eligible: (w) => `Você está ${w.inCountry} e chegou em ${w.date} ou antes.`,
      not_eligible: (w) =>
        `Esta via exige estar ${w.inCountry} e ter chegado em ${w.date} ou antes; suas respostas não cumprem isso.`,
      maybe: (w) =>
        `Precisamos saber onde você mora agora e quando chegou: esta via exige estar ${w.inCountry} desde ${w.date} ou antes.`,
    },
    age: {
      eligible: (w) => `Sua idade cumpre o requisito (${w.range}).`,
      not_eligible: (w) => `Para esta via é preciso ${w.range}; sua idade não cumpre isso.`,
      maybe: (w) => `Precisamos da sua data de nascimento: para esta via é preciso ${w.range}.`,
    },
    family_tie: {
      eligible: (w) => `Você tem um familiar ${w.inCountry} do tipo exigido por esta via (${w.relations}).`,
      not_eligible: (w) =>
        `Esta via exige um familiar ${w.inCountry} (${w.relations}); suas respostas não mostram nenhum.`,
      maybe: (w) => `Precisamos saber quais familiares você tem ${w.inCountry} (${w.relations}).`,
    },
    sponsor: {
      eligible: (w) => `Você tem um patrocinador ${w.inCountry}.`,
      not_eligible: (w) =>
        `Esta via exige um patrocinador ${w.inCountry} (uma pessoa ou organização que se compromete a apoiar você); você informou que não tem.`,
      maybe: (w) => `Precisamos saber se alguém ${w.inCountry} vai patrocinar você.`,
    },
    job_offer: {
      eligible: (w) => `Você tem uma oferta de emprego ${w.inCountry}${w.sectors}.`,
      not_eligible: (w) =>
        `Esta via exige uma oferta de emprego ${w.inCountry}${w.sectors}; suas respostas não mostram nenhuma.`,
      maybe: (w) => `Precisamos saber se você tem uma oferta de emprego ${w.inCountry}${w.sectors}.`,
    },
    vulnerability: {
      eligible: (w) => `Você está em uma situação que esta via prioriza (${w.categories}).`,
      not_eligible: (w) =>
        `Esta via é para pessoas em uma destas situações: ${w.categories}; suas respostas não mostram nenhuma.`,
      maybe: (w) => `Precisamos saber se alguma destas situações se aplica a você: ${w.categories}.`,
    },
    exclusion: {
      eligible: () => "Nenhuma das situações que excluem desta via se aplica a você.",
      not_eligible: (w) => `Uma de suas respostas é um motivo de exclusão desta via (${w.grounds}).`,
      maybe: (w) => `Precisamos saber se alguma destas situações se aplica a você: ${w.grounds}.`,
    },
    outside: {
      eligible: (w) => `Você mora fora do país ao qual esta via leva (não está ${w.inCountry}).`,
      not_eligible: (w) =>
        `Esta via é para pessoas fora do país ao qual leva; você informou que está ${w.inCountry}.`,
      maybe: (w) => `Precisamos saber onde você mora agora: esta via não é para quem já está ${w.inCountry}.`,
    },
    status_elsewhere: {
      eligible: () => "Você não tem em outro país nenhuma das condições que excluem desta via.",
      not_eligible: (w) =>
        `Esta via exclui quem tem em outro país alguma destas condições: ${w.statuses}; suas respostas mostram uma.`,
      maybe: (w) => `Precisamos saber se você tem em outro país alguma destas condições: ${w.statuses}.`,
    },
    irregular_entry: {
      eligible: (w) => `Você não entrou sem autorização em ${w.countries} depois de ${w.date}.`,
      not_eligible: (w) =>
        `Esta via exclui quem entrou sem autorização em ${w.countries} depois de ${w.date}; você informou que entrou.`,
      maybe: (w) => `Precisamos saber se você entrou sem autorização em ${w.countries} depois de ${w.date}.`,
    },
    answer: {
      eligible: (w) => `Sua resposta a “${w.question}” cumpre o requisito desta via.`,
      not_eligible: (w) => `Sua resposta a “${w.question}” não cumpre o requisito desta via.`,
      maybe: (w) => `Precisamos da sua resposta a “${w.question}”.`,
    },
  },
  fr: {
    nationality: {
      eligible: (w) => `Votre nationalité fait partie de celles acceptées par cette voie (${w.countries}).`,
      not_eligible: (w) =>
        `Cette voie est réservée aux ressortissants des pays suivants : ${w.countries} ; votre nationalité n'en fait pas partie.`,
      maybe: (w) =>
        `Nous devons connaître votre nationalité : cette voie est réservée aux ressortissants des pays suivants : ${w.countries}.`,
    },
    presence: {
      eligible: (w) => `Vous êtes ${w.inCountry} et vous y êtes arrivé(e) le ${w.date} ou avant.`,
      not_eligible: (w) =>
        `Cette voie exige d'être ${w.inCountry} et d'y être arrivé(e) le ${w.date} ou avant ; vos réponses ne remplissent pas cette condition.`,
      maybe: (w) =>
        `Nous devons savoir où vous vivez et quand vous y êtes arrivé(e) : cette voie exige d'être ${w.inCountry} depuis le ${w.date} ou avant.`,
    },
    age: {
      eligible: (w) => `Votre âge remplit la condition (${w.range}).`,
      not_eligible: (w) => `Il faut ${w.range} pour cette voie ; votre âge ne remplit pas cette condition.`,
      maybe: (w) => `Nous avons besoin de votre date de naissance : il faut ${w.range} pour cette voie.`,
    },
    family_tie: {
      eligible: (w) =>
        `Vous avez ${w.inCountry} un membre de votre famille que cette voie prend en compte (${w.relations}).`,
      not_eligible: (w) =>
        `Cette voie exige un membre de la famille ${w.inCountry} (${w.relations}) ; vos réponses n'en indiquent aucun.`,
      maybe: (w) =>
        `Nous devons savoir quels membres de votre famille vivent ${w.inCountry} (${w.relations}).`,
    },
    sponsor: {
      eligible: (w) => `Vous avez un parrain ${w.inCountry}.`,
      not_eligible: (w) =>
        `Cette voie exige un parrain ${w.inCountry} (une personne ou une organisation qui s'engage à vous soutenir) ; vous avez indiqué ne pas en avoir.`,
      maybe: (w) => `Nous devons savoir si quelqu'un ${w.inCountry} vous parrainera.`,
    },
    job_offer: {
      eligible: (w) => `Vous avez une offre d'emploi ${w.inCountry}${w.sectors}.`,
      not_eligible: (w) =>
        `Cette voie exige une offre d'emploi ${w.inCountry}${w.sectors} ; vos réponses n'en indiquent pas.`,
      maybe: (w) => `Nous devons savoir si vous avez une offre d'emploi ${w.inCountry}${w.sectors}.`,
    },
    vulnerability: {
      eligible: (w) =>
        `Vous êtes dans une situation à laquelle cette voie donne la priorité (${w.categories}).`,
      not_eligible: (w) =>
        `Cette voie est destinée aux personnes dans l'une de ces situations : ${w.categories} ; vos réponses n'en indiquent aucune.`,
      maybe: (w) => `Nous devons savoir si l'une de ces situations vous concerne : ${w.categories}.`,
    },
    exclusion: {
      eligible: () => "Aucune des situations qui excluent de cette voie ne vous concerne.",
      not_eligible: (w) =>
        `L'une de vos réponses correspond à un motif d'exclusion de cette voie (${w.grounds}).`,
      maybe: (w) => `Nous devons savoir si l'une de ces situations vous concerne : ${w.grounds}.`,
    },
    outside: {
      eligible: (w) => `Vous vivez hors du pays auquel mène cette voie (vous n'êtes pas ${w.inCountry}).`,
      not_eligible: (w) =>
        `Cette voie est destinée aux personnes hors du pays auquel elle mène ; vous avez indiqué être ${w.inCountry}.`,
      maybe: (w) =>
        `Nous devons savoir où vous vivez : cette voie n'est pas destinée aux personnes déjà ${w.inCountry}.`,
    },
    status_elsewhere: {
      eligible: () => "Vous n'avez dans aucun autre pays l'un des statuts qui excluent de cette voie.",
      not_eligible: (w) =>
        `Cette voie exclut les personnes qui ont dans un autre pays l'un de ces statuts : ${w.statuses} ; vos réponses en indiquent un.`,
      maybe: (w) => `Nous devons savoir si vous avez dans un autre pays l'un de ces statuts : ${w.statuses}.`,
    },
    irregular_entry: {
      eligible: (w) =>
        `Vous n'êtes pas entré(e) sans autorisation dans ces pays : ${w.countries}, après le ${w.date}.`,
      not_eligible: (w) =>
        `Cette voie exclut les personnes entrées sans autorisation dans ces pays : ${w.countries}, après le ${w.date} ; vous avez indiqué l'avoir fait.`,
      maybe: (w) =>
        `Nous devons savoir si vous êtes entré(e) sans autorisation dans ces pays : ${w.countries}, après le ${w.date}.`,
    },
    answer: {
      eligible: (w) => `Votre réponse à « ${w.question} » remplit la condition de cette voie.`,
      not_eligible: (w) => `Votre réponse à « ${w.question} » ne remplit pas la condition de cette voie.`,
      maybe: (w) => `Nous avons besoin de votre réponse à « ${w.question} ».`,
    },
  },
  ht: {
    nationality: {
      eligible: (w) => `Nasyonalite ou se youn nan sa pwogram sa a aksepte (${w.countries}).`,
      not_eligible: (w) =>
        `Pwogram sa a se pou moun ki gen nasyonalite ${w.countries}; nasyonalite pa w la pa ladan yo.`,
      maybe: (w) =>
        `Nou bezwen konnen nasyonalite ou: pwogram sa a se pou moun ki gen nasyonalite ${w.countries}.`,
    },
    presence: {
      eligible: (w) => `Ou ${w.inCountry} epi ou te rive la nan dat ${w.date} oswa anvan.`,
      not_eligible: (w) =>
        `Pwogram sa a mande pou w ${w.inCountry} epi pou w te rive la nan dat ${w.date} oswa anvan; repons ou yo pa koresponn.`,
      maybe: (w) =>
        `Nou bezwen konnen ki kote w ap viv kounye a ak ki lè ou te rive: pwogram sa a mande pou w ${w.inCountry} depi ${w.date} oswa anvan.`,
    },
    age: {
      eligible: (w) => `Laj ou koresponn ak kondisyon an (${w.range}).`,
      not_eligible: (w) => `Pou pwogram sa a, fòk ou ${w.range}; laj ou pa koresponn.`,
      maybe: (w) => `Nou bezwen dat nesans ou: pou pwogram sa a, fòk ou ${w.range}.`,
    },
    family_tie: {
      eligible: (w) => `Ou gen yon manm fanmi ${w.inCountry} jan pwogram sa a mande l (${w.relations}).`,
      not_eligible: (w) =>
        `Pwogram sa a mande pou w gen yon manm fanmi ${w.inCountry} (${w.relations}); repons ou yo pa montre okenn.`,
      maybe: (w) => `Nou bezwen konnen ki manm fanmi ou genyen ${w.inCountry} (${w.relations}).`,
    },
    sponsor: {
      eligible: (w) => `Ou gen yon sponsò ${w.inCountry}.`,
      not_eligible: (w) =>
        `Pwogram sa a mande pou w gen yon sponsò ${w.inCountry} (yon moun oswa yon òganizasyon ki pran angajman pou ede w); ou di ou pa genyen.`,
      maybe: (w) => `Nou bezwen konnen si gen yon moun ${w.inCountry} ki pral sponsò w.`,
    },
    job_offer: {
      eligible: (w) => `Ou gen yon òf travay ${w.inCountry}${w.sectors}.`,
      not_eligible: (w) =>
        `Pwogram sa a mande pou w gen yon òf travay ${w.inCountry}${w.sectors}; repons ou yo pa montre sa.`,
      maybe: (w) => `Nou bezwen konnen si ou gen yon òf travay ${w.inCountry}${w.sectors}.`,
    },
    vulnerability: {
      eligible: (w) => `Ou nan yon sitiyasyon pwogram sa a bay priyorite (${w.categories}).`,
      not_eligible: (w) =>
        `Pwogram sa a se pou moun ki nan youn nan sitiyasyon sa yo: ${w.categories}; repons ou yo pa montre okenn.`,
      maybe: (w) => `Nou bezwen konnen si youn nan sitiyasyon sa yo konsène w: ${w.categories}.`,
    },
    exclusion: {
      eligible: () => "Okenn nan sitiyasyon ki ka mete yon moun deyò pwogram sa a pa konsène w.",
      not_eligible: (w) =>
        `Youn nan repons ou yo se yon rezon ki mete moun deyò pwogram sa a (${w.grounds}).`,
      maybe: (w) => `Nou bezwen konnen si youn nan sitiyasyon sa yo konsène w: ${w.grounds}.`,
    },
    outside: {
      eligible: (w) => `W ap viv andeyò peyi pwogram sa a mennen an (ou pa ${w.inCountry}).`,
      not_eligible: (w) => `Pwogram sa a se pou moun ki andeyò peyi li mennen an; ou di ou ${w.inCountry}.`,
      maybe: (w) =>
        `Nou bezwen konnen ki kote w ap viv kounye a: pwogram sa a pa pou moun ki deja ${w.inCountry}.`,
    },
    status_elsewhere: {
      eligible: () => "Ou pa gen nan okenn lòt peyi youn nan estati ki mete moun deyò pwogram sa a.",
      not_eligible: (w) =>
        `Pwogram sa a mete deyò moun ki gen nan yon lòt peyi youn nan estati sa yo: ${w.statuses}; repons ou yo montre youn.`,
      maybe: (w) => `Nou bezwen konnen si ou gen nan yon lòt peyi youn nan estati sa yo: ${w.statuses}.`,
    },
    irregular_entry: {
      eligible: (w) => `Ou pa t antre san otorizasyon nan ${w.countries} apre ${w.date}.`,
      not_eligible: (w) =>
        `Pwogram sa a mete deyò moun ki te antre san otorizasyon nan ${w.countries} apre ${w.date}; ou di ou te fè sa.`,
      maybe: (w) => `Nou bezwen konnen si ou te antre san otorizasyon nan ${w.countries} apre ${w.date}.`,
    },
    answer: {
      eligible: (w) => `Repons ou bay pou «${w.question}» koresponn ak kondisyon pwogram sa a.`,
      not_eligible: (w) => `Repons ou bay pou «${w.question}» pa koresponn ak kondisyon pwogram sa a.`,
      maybe: (w) => `Nou bezwen repons ou pou «${w.question}».`,
    },
  },
};
