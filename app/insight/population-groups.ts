import type { PopulationDimension } from "../../db/schema";

/**
 * How the Department for Education's words become the portal's groups, and how a survey's answers
 * are counted in them. Both sides use short keys ("ehc_plan", "asian", "age_11"); docs/population.md
 * lists them. Nothing here reads the database.
 */

/** "202526", as the DfE writes an academic year, in words: "2025/26". */
export function censusYear(timePeriod: string): string {
  return /^\d{6}$/.test(timePeriod) ? `${timePeriod.slice(0, 4)}/${timePeriod.slice(4)}` : timePeriod;
}

/** "Total", "All pupils": a row that is not broken down by this column. */
export function isTotal(value: string | undefined): boolean {
  return value === undefined || /^(total|all|all pupils)$/i.test(value.trim());
}

const slug = (label: string) =>
  label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");

const primaryNeeds: [RegExp, string][] = [
  [/autis/i, "asd"],
  [/speech|language and communication/i, "slcn"],
  [/social, emotional|mental health/i, "semh"],
  [/^moderate learning/i, "mld"],
  [/^severe learning/i, "sld"],
  [/^profound/i, "pmld"],
  [/^specific learning/i, "spld"],
  [/^physical/i, "pd"],
  [/^hearing/i, "hi"],
  [/^visual/i, "vi"],
  [/^multi-?sensory/i, "msi"],
  [/^down/i, "down_syndrome"],
  [/no specialist assessment/i, "nsa"],
  [/^other difficulty/i, "oth"],
];

const phases: [RegExp, string][] = [
  [/nursery/i, "nursery"],
  [/primary/i, "primary"],
  [/secondary/i, "secondary"],
  [/non-maintained special/i, "non_maintained_special"],
  [/special/i, "special"],
  [/alternative provision|\bAP\b|pupil referral/i, "alternative_provision"],
  [/independent/i, "independent"],
  [/hospital/i, "hospital"],
];

const ethnicities: [RegExp, string][] = [
  [/^(asian|chinese)/i, "asian"],
  [/^black/i, "black"],
  [/^mixed/i, "mixed"],
  [/^white/i, "white"],
  [/^(any other|another|other|arab)/i, "other"],
];

function firstMatch(table: [RegExp, string][], label: string): string | null {
  return table.find(([pattern]) => pattern.test(label))?.[1] ?? null;
}

/**
 * The population group a DfE label belongs to, or null for rows the portal does not compare:
 * totals, pupils with no identified SEN, and the unclassified (as "Prefer not to say" is not counted
 * among respondents, the unclassified are not counted among pupils).
 */
export function populationKey(dimension: Exclude<PopulationDimension, "age">, label: string): string | null {
  const text = label.trim();
  if (isTotal(text) || /unclassified|^missing$|not known|^unknown/i.test(text)) return null;
  switch (dimension) {
    case "sen_provision":
      if (/health and care|^ehc|statement/i.test(text)) return "ehc_plan";
      if (/^sen support/i.test(text)) return "sen_support";
      return null;
    case "primary_need":
      return /no identified sen|^no sen$/i.test(text) ? null : (firstMatch(primaryNeeds, text) ?? slug(text));
    case "phase":
      return firstMatch(phases, text) ?? slug(text);
    case "ethnicity":
      return firstMatch(ethnicities, text);
    case "first_language":
      if (/other than english/i.test(text)) return "other_than_english";
      return /english/i.test(text) ? "english" : null;
    case "sex":
      if (/^(female|girls?)$/i.test(text)) return "female";
      return /^(male|boys?)$/i.test(text) ? "male" : null;
  }
}

/** Ages as the DfE counts them (age on 31 August): 2 and under, each year 3 to 18, 19 and over. */
export function ageKey(label: string): string | null {
  const text = label
    .trim()
    .toLowerCase()
    .replace(/^age[_ ]/, "");
  if (/^2( and |_and_)under$/.test(text)) return "age_2_and_under";
  if (/^19( and |_and_)over$/.test(text)) return "age_19_and_over";
  const age = /^(\d{1,2})$/.exec(text);
  return age && Number(age[1]) >= 3 && Number(age[1]) <= 18 ? `age_${Number(age[1])}` : null;
}

/** The ages a population age key covers; "19 and over" is taken to end at 25, where SEND support ends. */
export function ageRange(key: string): [number, number] | null {
  if (key === "age_2_and_under") return [0, 2];
  if (key === "age_19_and_over") return [19, 25];
  const age = /^age_(\d{1,2})$/.exec(key);
  return age ? [Number(age[1]), Number(age[1])] : null;
}

/** Answers that never count towards a group. */
export const notCountedAnswers = new Set(["prefer_not_to_say", "not_sure", "dont_know"]);

/** The ages an answer such as "5_10", "5_to_10", "under_5" or "19_and_over" stands for. */
function answerAges(value: string): [number, number] | null {
  const span = /^(?:age[sd]?_)?(\d{1,2})_(?:to_)?(\d{1,2})(?:_years?(?:_old)?)?$/.exec(value);
  if (span) return [Number(span[1]), Number(span[2])];
  const under = /^under_(\d{1,2})$/.exec(value);
  if (under) return [0, Number(under[1]) - 1];
  const over = /^(\d{1,2})_(?:and_over|plus)$/.exec(value);
  return over ? [Number(over[1]), 25] : null;
}

const allAgeKeys = ["age_2_and_under", ...Array.from({ length: 16 }, (_, index) => `age_${index + 3}`), "age_19_and_over"];

/** Phase answers as the demo survey's "Where does your child learn?" and the builder's words make them. */
const phaseAnswers: [RegExp, string[]][] = [
  [/^(early_years|nursery)/, ["nursery"]],
  [/^(mainstream|resource_base|resourced|unit)/, ["primary", "secondary"]],
  [/^primary/, ["primary"]],
  [/^secondary/, ["secondary"]],
  [/^special/, ["special", "non_maintained_special"]],
  [/^(alternative_provision|pupil_referral|pru)/, ["alternative_provision"]],
  [/^independent/, ["independent"]],
];

/**
 * The population groups an answer counts towards, or null when it counts towards none (prefer not to
 * say, not sure, an answer the population has no group for, such as "college" or "home educated").
 * Answers standing for the same groups are one group in the comparison (mainstream and resource base).
 */
export function answerGroups(dimension: PopulationDimension, value: string): string[] | null {
  if (notCountedAnswers.has(value)) return null;
  switch (dimension) {
    case "sen_provision":
      // "SEN support, without an EHC plan" is SEN support; "waiting for an EHC plan" is neither.
      if (/(^|_)sen_support/.test(value)) return ["sen_support"];
      return /(^|_)(ehc_plan|ehcp|education_health_and_care_plan)/.test(value) && !/(waiting|assess|applied|asked|no_|not_)/.test(value) ? ["ehc_plan"] : null;
    case "primary_need":
      return [firstMatch(primaryNeeds, value.replace(/_/g, " ")) ?? value];
    case "phase":
      return phaseAnswers.find(([pattern]) => pattern.test(value))?.[1] ?? null;
    case "ethnicity": {
      const key = firstMatch(ethnicities, value.replace(/_/g, " "));
      return key ? [key] : null;
    }
    case "first_language":
      return value === "english" ? ["english"] : ["other_than_english"];
    case "sex":
      if (/^(female|girl|woman)/.test(value)) return ["female"];
      return /^(male|boy|man)/.test(value) ? ["male"] : null;
    case "age": {
      const ages = answerAges(value);
      if (!ages) return null;
      const keys = allAgeKeys.filter((key) => {
        const range = ageRange(key)!;
        return range[0] >= ages[0] && range[1] <= ages[1];
      });
      return keys.length ? keys : null;
    }
  }
}
