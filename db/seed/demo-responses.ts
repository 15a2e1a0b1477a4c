import type { DB } from "../connection";
import { audiences } from "../schema";
import { generateCode } from "../../app/surveys/codes";
import { allowedValues, visibleQuestions, type Answers } from "../../app/surveys/model";
import { getSurvey } from "../../app/surveys/surveys.server";
import { holdDetected, type DetectedMatch } from "../../app/safeguarding/concerns.server";
import { getDetector } from "../../app/safeguarding/phrases.server";
import { rebuildAggregates } from "../../app/aggregates/rebuild.server";
import { rebuildSuggestionModel } from "../../app/moderation/suggestions.server";

/** A small seeded generator (mulberry32), so every demo database, and every benchmark dataset of a size, looks the same. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Written from what families and young people told the reviews in shared/seeds, each with the
// themes a moderator would give it (theme slugs, db/seed/themes.ts).
const parentWords: [string, string[]][] = [
  ["Nobody replies to my emails. I have chased the SEND team four times about the annual review.", ["communication", "ehc-plan-quality"]],
  ["The EHC needs assessment took nearly a year, well past the 20 weeks, and nobody told us why.", ["ehc-assessment-timeliness", "communication"]],
  ["Our SENCO is wonderful and really listens, but the school has no money for a teaching assistant.", ["sen-support-mainstream"]],
  ["We waited two years for an autism assessment. There was no help at all while we waited.", ["autism-adhd-waits"]],
  ["I could not find anything on the Local Offer website about short breaks. The links were broken.", ["local-offer-information", "social-care-short-breaks"]],
  ["The plan was written without us and does not describe my son at all.", ["ehc-plan-quality", "listened-coproduction"]],
  ["Speech and language therapy stopped when he moved to secondary school.", ["health-therapies"]],
  ["Transport to school changed three times this year and each change upset my daughter for weeks.", ["home-to-school-transport"]],
  ["The Parent Carer Forum coffee mornings are the only place I feel heard.", ["listened-coproduction"]],
  ["Nobody has talked to us about what happens when she turns 16. We are worried about college.", ["preparation-for-adulthood"]],
  ["My English is not good and the letters are very long. Please phone me instead.", ["communication"]],
  ["CAMHS said he was not unwell enough. Then he stopped going to school altogether.", ["camhs-mental-health", "placements-sufficiency"]],
  ["The case worker changed three times and each time we had to explain everything again.", ["communication"]],
  ["Things got better once the new head teacher arrived. She asks us what works at home.", ["sen-support-mainstream", "listened-coproduction"]],
  ["Since the exclusion my son says he wants to hurt himself. We have nobody to call at weekends.", ["placements-sufficiency", "camhs-mental-health"]],
];
const youngWords: [string, string[]][] = [
  ["My teaching assistant helps me with maths and she is kind.", ["sen-support-mainstream"]],
  ["I want people to ask me, not just my mum.", ["listened-coproduction"]],
  ["The lunch hall is too loud. I eat in the library now and that is better.", ["sen-support-mainstream"]],
  ["I would like a club for people like me near where I live.", ["inclusion-community-leisure"]],
  ["I don't know what I will do after college and nobody has asked me.", ["preparation-for-adulthood"]],
  ["The bus to school is late a lot and I get told off.", ["home-to-school-transport"]],
  ["Having a quiet room when I feel stressed really helps.", ["sen-support-mainstream", "camhs-mental-health"]],
  ["I would change how long you wait to see someone about feeling sad.", ["camhs-mental-health"]],
  ["I don't feel safe at home some nights and I don't know who to tell.", ["social-care-short-breaks"]],
];

const DAY = 86_400_000;

/** Responses from the last twelve months, so the queue looks like a real area's. */
export async function seedDemoResponses(db: DB, now = new Date()): Promise<void> {
  const next = seeded(20261122);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
  const themes = await db.selectFrom("themes").select(["id", "slug"]).execute();
  const moderator = await db.selectFrom("users").select("id").where("role", "=", "moderator").executeTakeFirst();
  const lead = await db.selectFrom("users").select("id").where("role", "=", "safeguarding_lead").executeTakeFirst();

  const detector = await getDetector(db);
  for (const [slug, count, words] of [
    ["parents-and-carers", 240, parentWords],
    ["young-people", 120, youngWords],
  ] as const) {
    const survey = await getSurvey(db, slug, "en");
    if (!survey) continue;
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < count; i++) {
        const answers: Answers = {};
        for (const question of survey.questions) {
          if (!visibleQuestions(survey.questions, answers).includes(question)) continue;
          if (!question.required && next() < 0.25) continue;
          if (question.kind === "free_text") {
            if (next() < 0.55) answers[String(question.id)] = pick(words)[0];
          } else if (question.kind === "multiple_choice") {
            const values = allowedValues(question).filter((value) => !["none", "prefer_not_to_say"].includes(value));
            answers[String(question.id)] = values.filter(() => next() < 0.3).slice(0, 3);
            if ((answers[String(question.id)] as string[]).length === 0) delete answers[String(question.id)];
          } else {
            answers[String(question.id)] = pick(allowedValues(question));
          }
        }
        const submittedAt = new Date(now.getTime() - Math.floor(next() * 365 * DAY)).toISOString();
        const roll = next();
        const status = roll < 0.45 ? "done" : roll < 0.6 ? "in_review" : "new";
        const matches: DetectedMatch[] = survey.questions.flatMap((question) => {
          const value = answers[String(question.id)];
          return question.kind === "free_text" && typeof value === "string" ? detector.find(value).map((match) => ({ ...match, questionId: question.id })) : [];
        });
        const concern = matches.length > 0;
        const { id } = await trx
          .insertInto("responses")
          .values({
            survey_id: survey.id,
            audience: survey.audience === "both" ? pick(audiences) : survey.audience,
            reference: generateCode(),
            lang: "en",
            quote_consent: next() < 0.6 ? 1 : 0,
            submitted_at: submittedAt,
            status: concern ? "new" : status,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        for (const question of survey.questions) {
          const value = answers[String(question.id)];
          if (value === undefined) continue;
          const rows = question.kind === "free_text" ? [{ text: value as string }] : (Array.isArray(value) ? value : [value]).map((choice) => ({ choice }));
          await trx
            .insertInto("answers")
            .values(rows.map((row) => ({ response_id: id, question_id: question.id, ...row })))
            .execute();
        }
        const concernId = concern ? await holdDetected(trx, id, matches, new Date(submittedAt)) : undefined;
        if (concernId && lead) await advanceDemoConcern(trx, concernId, lead.id, submittedAt, next());
        if (status !== "new" && moderator && !concern) {
          // What they wrote decides the themes; a response without free text gets two at random.
          const guessed = [pick(themes).slug, pick(themes).slug];
          const said = Object.values(answers).flatMap((value) => words.find(([text]) => text === value)?.[1] ?? []);
          const slugs = new Set(said.length > 0 ? said : guessed);
          for (const theme of themes.filter((candidate) => slugs.has(candidate.slug))) {
            await trx.insertInto("response_themes").values({ response_id: id, theme_id: theme.id, tagged_by: moderator.id, tagged_at: submittedAt }).execute();
          }
        }
      }
    });
  }
  await rebuildSuggestionModel(db);
  await rebuildAggregates(db);
}

/** Older demo concerns are further along: some being looked at, some handed over, some closed. */
async function advanceDemoConcern(trx: DB, concernId: number, leadId: number, submittedAt: string, roll: number) {
  const ageDays = (Date.now() - new Date(submittedAt).getTime()) / DAY;
  if (ageDays < 3 || roll < 0.15) return;
  const day = submittedAt.slice(0, 10);
  if (roll < 0.3) {
    await trx
      .updateTable("safeguarding_concerns")
      .set({ state: "looking", looking_by: leadId, looking_since: submittedAt })
      .where("id", "=", concernId)
      .execute();
    return;
  }
  await trx
    .insertInto("safeguarding_concern_handovers")
    .values({
      concern_id: concernId,
      handed_to: "Children's Services front door (MASH)",
      handed_over_on: day,
      action_taken: "Referred by phone the same day; the duty social worker is following up.",
      recorded_by: leadId,
      recorded_at: submittedAt,
    })
    .execute();
  const closed = roll > 0.6;
  await trx
    .updateTable("safeguarding_concerns")
    .set({
      state: closed ? "closed" : "handed_over",
      decision: "concern",
      decided_by: leadId,
      decided_at: submittedAt,
      ...(closed ? { closed_by: leadId, closed_at: submittedAt, outcome: "Children's Services confirmed the family has an allocated social worker." } : {}),
    })
    .where("id", "=", concernId)
    .execute();
}
