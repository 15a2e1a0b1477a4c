import type { DB } from "../connection";
import { createSurvey } from "../../app/surveys/create.server";
import { parentSurvey, youngPeopleSurvey } from "./demo-surveys";
import { ensureStartingThemes } from "./themes";

const demoSettings = {
  organisation_name: "Northmoor Council and Northmoor Parent Carer Forum",
  contact_email: "send-feedback@northmoor.example",
};

/** Loads the demo area: settings, themes and the two demo surveys. */
export async function seedDemo(db: DB): Promise<void> {
  await ensureStartingThemes(db);
  for (const [key, value] of Object.entries(demoSettings)) {
    await db
      .insertInto("settings")
      .values({ key, value })
      .onConflict((oc) => oc.column("key").doUpdateSet({ value }))
      .execute();
  }
  await createSurvey(db, parentSurvey);
  await createSurvey(db, youngPeopleSurvey);
}

/** On a new database only: a portal that already has surveys is left alone. */
export async function seedDemoIfEmpty(db: DB): Promise<boolean> {
  const any = await db.selectFrom("surveys").select("id").limit(1).executeTakeFirst();
  if (any) return false;
  await seedDemo(db);
  console.log("demo data loaded: 2 surveys, 16 themes");
  return true;
}

/** Empties every table the demo fills, then loads the demo again. */
export async function resetDemo(db: DB): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const table of [
      "drafts",
      "answers",
      "responses",
      "option_translations",
      "question_options",
      "question_translations",
      "questions",
      "survey_translations",
      "surveys",
      "theme_translations",
      "themes",
    ] as const) {
      await trx.deleteFrom(table).execute();
    }
  });
  await seedDemo(db);
}
