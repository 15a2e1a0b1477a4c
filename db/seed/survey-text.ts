import type { SurveyDefinitionInput } from "../../app/surveys/definition";

/**
 * All the words of one survey in one language, shaped for a translator: the survey's title, summary and
 * description, then each question's text, hint and option labels by key. English lives in the survey
 * definitions; every other language is a file `db/seed/survey-text/<code>.json` in this shape.
 */
export type SurveyText = {
  title: string;
  summary: string;
  description: string;
  questions: Record<string, { text: string; hint?: string; options?: Record<string, string> }>;
};

export function surveyText(survey: SurveyDefinitionInput, lang = "en"): SurveyText | null {
  const own = survey.text[lang];
  if (!own) return null;
  const questions: SurveyText["questions"] = {};
  for (const question of survey.questions) {
    const words = question.text[lang];
    if (!words) return null;
    const entry: SurveyText["questions"][string] = { text: words.text };
    if (words.hint) entry.hint = words.hint;
    if (question.options?.length) {
      entry.options = {};
      for (const option of question.options) {
        const label = option.label[lang];
        if (!label) return null;
        entry.options[option.value] = label;
      }
    }
    questions[question.key] = entry;
  }
  return { title: own.title, summary: own.summary, description: own.description, questions };
}

/** The definition with one more language's words added. Words for unknown questions or options are ignored. */
export function withLanguage(survey: SurveyDefinitionInput, lang: string, text: SurveyText): SurveyDefinitionInput {
  return {
    ...survey,
    text: { ...survey.text, [lang]: { title: text.title, summary: text.summary, description: text.description } },
    questions: survey.questions.map((question) => {
      const words = text.questions[question.key];
      if (!words) return question;
      return {
        ...question,
        text: { ...question.text, [lang]: words.hint ? { text: words.text, hint: words.hint } : { text: words.text } },
        options: question.options?.map((option) => {
          const label = words.options?.[option.value];
          return label ? { ...option, label: { ...option.label, [lang]: label } } : option;
        }),
      };
    }),
  };
}
