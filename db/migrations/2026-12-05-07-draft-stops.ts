import type { Kysely } from "kysely";

// Frozen in time: never import application code here.
//
// Where people stop: each draft keeps the last question answered, in survey order, as its answers
// are saved, so the dashboard counts stopping points with a GROUP BY instead of reading every
// abandoned draft's answers on each view. Unsent drafts are filled in here from their answers.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("drafts").addColumn("last_answered_id", "integer").execute();
  const questions: { id: number; position: number }[] = await db.selectFrom("questions").select(["id", "position"]).execute();
  const position = new Map(questions.map((question) => [question.id, question.position]));
  let after = 0;
  for (;;) {
    const drafts: { id: number; answers: string }[] = await db
      .selectFrom("drafts")
      .select(["id", "answers"])
      .where("response_id", "is", null)
      .where("id", ">", after)
      .orderBy("id")
      .limit(500)
      .execute();
    if (drafts.length === 0) break;
    for (const draft of drafts) {
      let last: { id: number; position: number } | null = null;
      let answers: Record<string, unknown> = {};
      try {
        answers = JSON.parse(draft.answers) as Record<string, unknown>;
      } catch {
        answers = {};
      }
      for (const [key, value] of Object.entries(answers ?? {})) {
        const at = position.get(Number(key));
        const given = Array.isArray(value) ? value.length > 0 : typeof value === "string" && value.trim() !== "";
        if (at === undefined || !given) continue;
        if (!last || at > last.position) last = { id: Number(key), position: at };
      }
      if (last) await db.updateTable("drafts").set({ last_answered_id: last.id }).where("id", "=", draft.id).execute();
    }
    after = drafts[drafts.length - 1].id;
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("drafts").dropColumn("last_answered_id").execute();
}
