import fc from "fast-check";
import { sql } from "kysely";
import { countKeys } from "~/aggregates/counts.server";
import { rebuildAggregates } from "~/aggregates/rebuild.server";
import { getDb } from "~/db.server";
import { continueMerges, mergeBatch, startMerge } from "~/moderation/merges.server";
import { createTheme } from "~/moderation/themes.server";
import { createLink } from "~/outreach/links.server";
import { saveResponse, tagResponses } from "~/moderation/tags.server";
import { submitDraft } from "~/responses/responses.server";
import { decideNotConcern, flagResponse } from "~/safeguarding/concerns.server";
import { createDraft, saveAnswers } from "~/surveys/drafts.server";
import { allowedValues, type Answers, type QuestionView } from "~/surveys/model";
import { saveQuestion } from "~/surveys/questions.server";
import { getSurvey } from "~/surveys/surveys.server";
import { createParentSurvey, createStaff, createYoungPeopleSurvey } from "../support/factories";

/**
 * The kept counts must always equal a full recount from the responses, tags and answers, whatever
 * happens in between. fast-check makes random sequences of what moderators, safeguarding leads,
 * administrators and respondents do, through the app's own functions, and after each sequence the
 * three count tables are compared with a recount row by row.
 */

const db = () => getDb();
const langs = ["en", "pl", "ur"] as const;
const disclosure = "my dad hits me with his belt when i get stuff wrong and i got marks on my legs";

type Command =
  | { kind: "submit"; survey: number; lang: number; day: number; seed: number[]; disclose: boolean }
  | { kind: "tag"; picks: number[]; theme: number }
  | { kind: "save"; pick: number; themes: number[]; status: number }
  | { kind: "flag"; pick: number }
  | { kind: "notConcern"; pick: number }
  | { kind: "merge"; from: number; into: number }
  | { kind: "mergeBatch"; pick: number; size: number }
  | { kind: "newTheme" }
  | { kind: "retheme"; survey: number; question: number; theme: number };

const pick = fc.nat({ max: 1_000 });
const command: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant("submit" as const),
      survey: fc.nat({ max: 1 }),
      lang: fc.nat({ max: 2 }),
      day: fc.nat({ max: 40 }),
      seed: fc.array(fc.nat({ max: 99 }), { minLength: 20, maxLength: 20 }),
      disclose: fc.boolean(),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("tag" as const), picks: fc.array(pick, { minLength: 1, maxLength: 4 }), theme: pick }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("save" as const), pick, themes: fc.array(pick, { maxLength: 3 }), status: fc.nat({ max: 2 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("flag" as const), pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("notConcern" as const), pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("merge" as const), from: pick, into: pick }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("mergeBatch" as const), pick, size: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("newTheme" as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("retheme" as const), survey: fc.nat({ max: 1 }), question: pick, theme: pick }) },
);

/** Answers as a respondent might give them: most questions answered, some skipped, a disclosure sometimes. */
function answersFor(questions: QuestionView[], seed: number[], disclose: boolean): Answers {
  const answers: Answers = {};
  questions.forEach((question, i) => {
    const roll = seed[i % seed.length];
    if (!question.required && roll < 25) return;
    if (question.kind === "free_text") answers[question.id] = disclose && roll % 2 === 0 ? disclosure : `Answer ${roll}`;
    else {
      const values = allowedValues(question);
      const value = values[roll % values.length];
      answers[question.id] = question.kind === "multiple_choice" ? [...new Set([value, values[(roll * 7) % values.length]])] : value;
    }
  });
  return answers;
}

const nth = <T>(items: T[], n: number): T | undefined => (items.length ? items[n % items.length] : undefined);

const tables = countKeys;

/** Every count table's non-zero rows, in key order. */
async function snapshot() {
  const rows: Record<string, unknown[]> = {};
  for (const [table, key] of Object.entries(tables)) {
    rows[table] = await db()
      .selectFrom(table as keyof typeof tables)
      .selectAll()
      .where("n", "!=", 0)
      .orderBy(sql.raw(key.join(", ")))
      .execute();
  }
  return rows;
}

describe("the kept counts", () => {
  it("equal a full recount after any sequence of submits, tags, untags, flags, decisions, merges in batches and theme changes", async () => {
    const [moderator, lead, admin] = [
      await createStaff(db(), "moderator"),
      await createStaff(db(), "safeguarding_lead"),
      await createStaff(db(), "administrator"),
    ];
    const slugs = [await createParentSurvey(db()), await createYoungPeopleSurvey(db())];
    // Two in three people come through an outreach link of their survey.
    const links: number[] = [];
    for (const slug of slugs) {
      const survey = (await getSurvey(db(), slug, "en"))!;
      links.push((await createLink(db(), { name: `Poster for ${slug}`, kind: "school", surveyId: survey.id }, admin.id)).id);
    }
    let made = 0;

    const run = async (commands: Command[]) => {
      for (const step of commands) {
        const responses = await db().selectFrom("responses").select(["id", "version", "flagged"]).orderBy("id").execute();
        const themes = (await db().selectFrom("themes").select("id").where("retired_at", "is", null).orderBy("id").execute()).map((t) => t.id);
        const open = responses.filter((r) => !r.flagged);
        try {
          switch (step.kind) {
            case "submit": {
              const survey = (await getSurvey(db(), slugs[step.survey], "en"))!;
              const day = new Date(Date.UTC(2030, 0, 1 + step.day, 9, step.seed[0] % 60));
              const audience = survey.audience === "both" ? "parent_carer" : survey.audience;
              const draft = await createDraft(db(), survey, langs[step.lang], audience, day, step.seed[2] % 3 === 0 ? null : links[step.survey]);
              await saveAnswers(db(), draft.id, survey.questions, answersFor(survey.questions, step.seed, step.disclose), day);
              await submitDraft(db(), survey, draft.id, { quote: step.seed[1] % 2 === 0 }, langs[step.lang], day);
              break;
            }
            case "tag":
              await tagResponses(
                db(),
                step.picks.flatMap((n) => nth(open, n)?.id ?? []),
                nth(themes, step.theme) ?? -1,
                moderator.id,
              );
              break;
            case "save": {
              const target = nth(open, step.pick);
              if (!target) break;
              const wanted = [...new Set(step.themes.flatMap((n) => nth(themes, n) ?? []))];
              await saveResponse(
                db(),
                target.id,
                { themeIds: wanted, status: (["new", "in_review", "done"] as const)[step.status], version: target.version },
                moderator.id,
              );
              break;
            }
            case "flag": {
              const target = nth(open, step.pick);
              if (target) await flagResponse(db(), target.id, "Worried by what they wrote", lead.id);
              break;
            }
            case "notConcern": {
              const concerns = await db().selectFrom("safeguarding_concerns").select("id").where("state", "!=", "closed").orderBy("id").execute();
              const concern = nth(concerns, step.pick);
              if (concern) await decideNotConcern(db(), concern.id, "Read again: no concern", lead.id);
              break;
            }
            case "merge": {
              const [from, into] = [nth(themes, step.from), nth(themes, step.into)];
              if (from && into && from !== into) await startMerge(db(), from, into, admin.id);
              break;
            }
            case "mergeBatch": {
              // A few responses of a merge under way move, while everything else goes on around them.
              const merge = nth(await db().selectFrom("theme_merges").select("theme_id").orderBy("theme_id").execute(), step.pick);
              if (merge)
                await db()
                  .transaction()
                  .execute((trx) => mergeBatch(trx, merge.theme_id, step.size));
              break;
            }
            case "newTheme":
              made++;
              await createTheme(db(), `made-${made}`, [{ lang: "en", name: `Made ${made}`, description: null }], admin.id);
              break;
            case "retheme": {
              const survey = (await getSurvey(db(), slugs[step.survey], "en"))!;
              const question = nth(
                survey.questions.filter((q) => q.kind !== "free_text"),
                step.question,
              );
              if (!question) break;
              const themeId = step.theme % 4 === 0 ? null : (nth(themes, step.theme) ?? null);
              const options = question.options.map((o) => ({ value: o.value, label: o.label, exclusive: o.exclusive, exit: o.exit?.text ?? null }));
              await saveQuestion(
                db(),
                survey.id,
                question.id,
                {
                  key: question.key,
                  kind: question.kind,
                  section: question.section,
                  required: question.required,
                  samePage: question.samePage,
                  maxLength: question.maxLength,
                  themeId,
                  showIf: question.showIf,
                  text: question.text,
                  hint: question.hint,
                  options,
                },
                { userId: admin.id, typoOnly: true },
              );
              break;
            }
          }
        } catch (error) {
          // A refusal (a changed response, a retired theme) changes nothing, which the comparison also checks.
          if (!(error instanceof Error) || !["ModerationError", "ThemeError", "ConcernError"].includes(error.constructor.name)) throw error;
        }
      }
      // Merges left half done are finished in batches, as the server would, before the recount.
      await continueMerges(db(), 2);
      const kept = await snapshot();
      await rebuildAggregates(db());
      expect(kept).toEqual(await snapshot());
    };

    await fc.assert(fc.asyncProperty(fc.array(command, { minLength: 5, maxLength: 40 }), run), { numRuns: 25 });
    // The sequences did reach every kind of count, held responses and merged themes included.
    const totals = await snapshot();
    for (const table of Object.keys(tables)) expect(totals[table].length, table).toBeGreaterThan(5);
    expect(await db().selectFrom("responses").select("id").where("flagged", "=", 1).execute()).not.toHaveLength(0);
    expect(await db().selectFrom("themes").select("id").where("merged_into", "is not", null).execute()).not.toHaveLength(0);
  }, 240_000);
});
