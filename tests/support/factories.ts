import type { DB } from "../../db/connection";
import { parentSurvey, youngPeopleSurvey } from "../../db/seed/demo-surveys";
import { createSurvey } from "../../app/surveys/create.server";
import type { SurveyDefinitionInput } from "../../app/surveys/definition";

let counter = 0;

/** The demo surveys under a fresh slug, so tests in one file never collide. */
export async function createParentSurvey(db: DB, overrides: Partial<SurveyDefinitionInput> = {}) {
  const slug = `parents-${++counter}`;
  await createSurvey(db, { ...parentSurvey, slug, ...overrides });
  return slug;
}

export async function createYoungPeopleSurvey(db: DB, overrides: Partial<SurveyDefinitionInput> = {}) {
  const slug = `young-${++counter}`;
  await createSurvey(db, { ...youngPeopleSurvey, slug, ...overrides });
  return slug;
}

/** A small survey with one of each kind, for validation tests. */
export async function createEveryKindSurvey(db: DB) {
  const slug = `every-kind-${++counter}`;
  await createSurvey(db, {
    slug,
    audience: "parent_carer",
    estimatedMinutes: 2,
    text: { en: { title: "Every kind of question", summary: "A test survey.", description: "For tests." } },
    questions: [
      {
        key: "route",
        kind: "single_choice",
        required: true,
        text: { en: { text: "Which way?" } },
        options: [
          { value: "left", label: { en: "Left" } },
          { value: "right", label: { en: "Right" } },
        ],
      },
      { key: "left-only", kind: "yes_no", required: true, showIf: { question: "route", value: "left" }, text: { en: { text: "Only for left?" } } },
      { key: "agree", kind: "agreement_scale", required: true, theme: "communication", text: { en: { text: "I get replies." } } },
      { key: "faces", kind: "smiley_scale", text: { en: { text: "How is school?" } } },
      {
        key: "many",
        kind: "multiple_choice",
        text: { en: { text: "Which apply?" } },
        options: [
          { value: "a", label: { en: "A" } },
          { value: "b", label: { en: "B" } },
        ],
      },
      { key: "words", kind: "free_text", maxLength: 20, text: { en: { text: "Anything else?" } } },
      {
        key: "age",
        kind: "multiple_choice",
        section: "about_you",
        text: { en: { text: "Ages?" } },
        options: [
          { value: "young", label: { en: "Young" } },
          { value: "old", label: { en: "Old" } },
        ],
      },
    ],
  });
  return slug;
}
