import { getDb } from "~/db.server";
import { publicThemeFigures, themeCounts } from "~/publishing/figures.server";
import { createParentSurvey, createResponse, createYoungPeopleSurvey, counted, holdResponse } from "../support/factories";

const range = { from: "2031-01-01", to: "2031-12-31" };
const when = (day: number) => new Date(Date.UTC(2031, 0, day));

describe("figures from the data", () => {
  it("count each response once per theme, from tags and structured answers, never flagged ones, within the period", async () => {
    const db = getDb();
    const parents = await createParentSurvey(db);
    const young = await createYoungPeopleSurvey(db);
    const communication = (await db.selectFrom("themes").select("id").where("slug", "=", "communication").executeTakeFirstOrThrow()).id;
    const ids: number[] = [];
    for (let i = 0; i < 12; i++) ids.push(await createResponse(db, parents, { "contact-reply": i < 9 ? "agree" : "disagree" }, when(i + 1)));
    for (let i = 0; i < 3; i++) {
      const id = await createResponse(db, young, { "best-thing": "My mentor." }, when(i + 1));
      await counted(db, [id], (trx) =>
        trx
          .insertInto("response_themes")
          .values({ response_id: id, theme_id: communication, tagged_at: when(1).toISOString() })
          .execute(),
      );
    }
    // Tagged as well as answered: still one response.
    await counted(db, [ids[0]], (trx) =>
      trx
        .insertInto("response_themes")
        .values({ response_id: ids[0], theme_id: communication, tagged_at: when(1).toISOString() })
        .execute(),
    );
    // Flagged, and outside the period: neither counts.
    await holdResponse(db, ids[11]);
    await createResponse(db, parents, { "contact-reply": "agree" }, new Date(Date.UTC(2032, 0, 1)));

    expect((await themeCounts(db, range)).get(communication)).toEqual({ parent_carer: 11, young_person: 3 });
    const figures = await publicThemeFigures(db, range, 10);
    const shown = figures.find((figure) => figure.themeId === communication);
    // 14 in all; 3 young people is too few, so parents/carers is hidden too.
    expect(shown?.raised).toEqual({ total: 14, parts: { parent_carer: null, young_person: null }, secondary: ["parent_carer"] });
    // 9 of 11 agreed: 2 disagreed is too few to show a share.
    expect(shown?.agreedPercent).toBeNull();
  });
});
