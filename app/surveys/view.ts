import { fallbackLanguage } from "../i18n/config";
import type { SurveyFile } from "./definition";
import type { OptionView, QuestionView, SurveyView } from "./model";

type Localised<T> = Record<string, T>;

/** The text in `lang`, else the English one, with the language it is written in. */
function pick<T>(texts: Localised<T>, lang: string): { value: T; lang: string } {
  return lang in texts ? { value: texts[lang], lang } : { value: texts[fallbackLanguage], lang: fallbackLanguage };
}

/** One translatable text of a survey: where it is, and its English. */
export interface SurveyText {
  /** "title", "questions.support-type.text", "questions.support-type.options.ehc_plan" … */
  key: string;
  english: string;
  get: (lang: string) => string | undefined;
}

/**
 * Every text a respondent reads, in order. A hint, the start text and the privacy text count only
 * when the English one exists: a translation cannot be missing for a text that is not there.
 */
export function surveyTexts(file: SurveyFile): SurveyText[] {
  const texts: SurveyText[] = [];
  const survey = (field: "title" | "summary" | "description" | "privacy") => {
    const english = file.text[fallbackLanguage][field];
    if (english) texts.push({ key: field, english, get: (lang) => file.text[lang]?.[field] || undefined });
  };
  (["title", "summary", "description", "privacy"] as const).forEach(survey);
  for (const question of file.questions) {
    const english = question.text[fallbackLanguage];
    texts.push({ key: `questions.${question.key}.text`, english: english.text, get: (lang) => question.text[lang]?.text || undefined });
    if (english.hint) texts.push({ key: `questions.${question.key}.hint`, english: english.hint, get: (lang) => question.text[lang]?.hint || undefined });
    for (const option of question.options) {
      texts.push({
        key: `questions.${question.key}.options.${option.value}`,
        english: option.label[fallbackLanguage],
        get: (lang) => option.label[lang] || undefined,
      });
      const exit = option.exit?.[fallbackLanguage];
      if (exit) texts.push({ key: `questions.${question.key}.options.${option.value}.exit`, english: exit, get: (lang) => option.exit?.[lang] || undefined });
    }
  }
  return texts;
}

/** "Polski: 14 of 22 texts". */
export function translationProgress(file: SurveyFile, lang: string): { done: number; total: number } {
  const texts = surveyTexts(file);
  return { done: texts.filter((text) => text.get(lang) !== undefined).length, total: texts.length };
}

/**
 * The languages every text of the survey is written in, English first. A survey is offered in a
 * language only when all of it is there: half a survey in Polish and half in English helps nobody.
 */
export function completeLanguages(file: SurveyFile): string[] {
  const texts = surveyTexts(file);
  const candidates = Object.keys(file.text).sort((a, b) => (a === fallbackLanguage ? -1 : b === fallbackLanguage ? 1 : a.localeCompare(b)));
  return candidates.filter((lang) => texts.every((text) => text.get(lang) !== undefined));
}

export interface SurveyRecord {
  id: number;
  status: SurveyView["status"];
  version: number;
  opensAt: string | null;
  closesAt: string | null;
  /** Question ids by key, removed questions too: answers and drafts name questions by id. */
  questionIds: ReadonlyMap<string, number>;
  themeIds: ReadonlyMap<string, number>;
}

/** A survey file as a respondent sees it, in `lang` when the whole survey is written in it, else in English. */
export function surveyView(file: SurveyFile, record: SurveyRecord, lang: string, languages = completeLanguages(file)): SurveyView {
  const shown = languages.includes(lang) ? lang : fallbackLanguage;
  const idOf = (key: string) => {
    const id = record.questionIds.get(key);
    if (id === undefined) throw new Error(`Question "${key}" of survey ${record.id} is not stored`);
    return id;
  };
  const text = pick(file.text, shown);
  const questions: QuestionView[] = file.questions.map((question) => {
    const wording = pick(question.text, shown);
    const options: OptionView[] = question.options.map((option) => {
      const label = pick(option.label, shown);
      const exit = option.exit ? pick(option.exit, shown) : null;
      return {
        value: option.value,
        label: label.value,
        lang: label.lang,
        exclusive: option.exclusive,
        exit: exit ? { text: exit.value, lang: exit.lang } : null,
      };
    });
    return {
      id: idOf(question.key),
      key: question.key,
      version: question.version ?? 1,
      samePage: question.samePage ?? false,
      kind: question.kind,
      section: question.section,
      required: question.required,
      maxLength: question.maxLength ?? null,
      themeId: question.theme ? (record.themeIds.get(question.theme) ?? null) : null,
      showIf: question.showIf ? { questionId: idOf(question.showIf.question), value: question.showIf.value } : null,
      text: wording.value.text,
      hint: wording.value.hint ?? null,
      lang: wording.lang,
      options,
    };
  });
  return {
    id: record.id,
    slug: file.slug,
    audience: file.audience,
    status: record.status,
    version: record.version,
    estimatedMinutes: file.estimatedMinutes,
    opensAt: record.opensAt,
    closesAt: record.closesAt,
    runBy: file.runBy ?? null,
    title: text.value.title,
    summary: text.value.summary,
    description: text.value.description,
    privacy: text.value.privacy ?? null,
    lang: text.lang,
    languages,
    questions,
  };
}
