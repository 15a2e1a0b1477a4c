import { parentSurvey, youngPeopleSurvey } from "./demo-surveys";
import { surveyText, type SurveyText } from "./survey-text";
import { startingThemes } from "./themes";

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
