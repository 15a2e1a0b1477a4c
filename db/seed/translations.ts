import type { SurveyDefinitionInput } from "../../app/surveys/definition";
import { parentSurvey, youngPeopleSurvey } from "./demo-surveys";
import { surveyText, withLanguage, type SurveyText } from "./survey-text";
import { startingThemes } from "./themes";
import enXeasyread from "./translations/en-x-easyread.json";
import pl from "./translations/pl.json";
import ro from "./translations/ro.json";
import pa from "./translations/pa.json";
import ur from "./translations/ur.json";
import pt from "./translations/pt.json";
import es from "./translations/es.json";
import ar from "./translations/ar.json";
import bn from "./translations/bn.json";
import gu from "./translations/gu.json";
import it from "./translations/it.json";

/** What a translator supplies for one language: the demo surveys' words and the starting themes. */
export type ContentTranslation = {
  surveys: Record<string, SurveyText>;
  themes: Record<string, { name: string; description: string }>;
};

export function englishContent(): ContentTranslation {
  return {
    surveys: Object.fromEntries([parentSurvey, youngPeopleSurvey].map((survey) => [survey.slug, surveyText(survey)!])),
    themes: Object.fromEntries(startingThemes.map((theme) => [theme.slug, { name: theme.name, description: theme.description }])),
  };
}

/** Each language's words for the demo surveys and starting themes (first drafts: see the README). */
export const contentTranslations: Record<string, ContentTranslation> = {
  "en-x-easyread": enXeasyread,
  pl,
  ro,
  pa,
  ur,
  pt,
  es,
  ar,
  bn,
  gu,
  it,
};

/** A demo survey with every language whose words are complete for it. */
export function inEveryLanguage(survey: SurveyDefinitionInput): SurveyDefinitionInput {
  let result = survey;
  for (const [lang, content] of Object.entries(contentTranslations)) {
    const text = content.surveys[survey.slug];
    if (text) result = withLanguage(result, lang, text);
  }
  return result;
}
