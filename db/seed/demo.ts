import type { DB } from "../connection";
import { createUser } from "../../app/accounts/users.server";
import { importSurvey } from "../../app/surveys/create.server";
import { seedDemoActions } from "./demo-actions";
import { seedDemoReach } from "./demo-reach";
import { seedDemoResponses } from "./demo-responses";
import { ensureStartingThemes } from "./themes";
// Imported rather than read from disk, so the bundler puts them inside build/server.js.
import parentsAndCarers from "./surveys/parents-and-carers.survey.json";
import youngPeople from "./surveys/young-people.survey.json";

/**
 * Demo mode only: these accounts never exist outside it. The README prints them. The administrator
 * and the lead must sign in with a second factor, so theirs is set up with a published secret:
 * `npm run demo:code` prints the code an app would show.
 */
export const demoUsers = [
  {
    email: "admin@example.org",
    name: "Asha Patel",
    role: "administrator",
    organisation: "council",
    password: "demo admin password",
    totpSecret: "EJHCCRJ6S62NHC6NJIDWNDDXNGBUHZSE",
  },
  { email: "moderator@example.org", name: "Morgan Lee", role: "moderator", organisation: "pcf", password: "demo moderator password", totpSecret: null },
  {
    email: "lead@example.org",
    name: "Lucy Okafor",
    role: "safeguarding_lead",
    organisation: "council",
    password: "demo safeguarding password",
    totpSecret: "IY5VO7CRIHOEF3BRPPJDA542BN4VUQZQ",
  },
  // A family support worker who helps people answer (issue 18); sees no responses.
  { email: "supporter@example.org", name: "Sam Rahman", role: "supporter", organisation: "other", password: "demo supporter password", totpSecret: null },
] as const;

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
  // The demo surveys come in the way any survey file does, but open at once.
  for (const file of [parentsAndCarers, youngPeople]) {
    const result = await importSurvey(db, file, { status: "open" });
    if (result.status === "refused") throw new Error(`The demo survey "${file.slug}" was refused:\n${result.problems.join("\n")}`);
  }
  for (const user of demoUsers) {
    const exists = await db.selectFrom("users").select("id").where("email", "=", user.email).executeTakeFirst();
    if (exists) continue;
    const id = await createUser(db, user, null);
    if (user.totpSecret)
      await db.updateTable("users").set({ totp_secret: user.totpSecret, totp_enabled_at: new Date().toISOString() }).where("id", "=", id).execute();
  }
  await seedDemoResponses(db);
  await seedDemoActions(db);
  // Outreach links, supported responses and answers to "Can you see what was done?" (issue 18).
  await seedDemoReach(db);
}

/** On a new database only: a portal that already has surveys is left alone. */
export async function seedDemoIfEmpty(db: DB): Promise<boolean> {
  const any = await db.selectFrom("surveys").select("id").limit(1).executeTakeFirst();
  if (any) return false;
  await seedDemo(db);
  console.log("demo data loaded: 2 surveys, 16 themes, demo responses and demo accounts");
  return true;
}

/** Empties every table the demo fills, then loads the demo again. */
export async function resetDemo(db: DB): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const table of [
      "corrections",
      "publications",
      "statement_quotes",
      "statement_texts",
      "statements",
      "action_status_history",
      "action_update_texts",
      "action_updates",
      "action_surveys",
      "action_themes",
      "action_texts",
      "actions",
      "period_translations",
      "periods",
      "quote_approvals",
      "quote_themes",
      "quotes",
      "outbox",
      "safeguarding_concern_handovers",
      "safeguarding_concerns",
      "response_themes",
      "response_notes",
      "update_answers",
      "update_messages",
      "update_contacts",
      "drafts",
      "answers",
      "responses",
      "outreach_links",
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
