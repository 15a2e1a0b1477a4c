import { seedDemo } from "../../db/seed/demo";
import { getDb } from "~/db.server";
import type { Dashboard } from "~/insight/dashboard.server";
import * as insight from "~/routes/moderate.insight";
import { actionSeen } from "~/updates/seen.server";
import { rebuildAggregates } from "~/aggregates/rebuild.server";
import { createStaff } from "../support/factories";
import { call, readJson } from "../support/remix";

const db = () => getDb();

describe("the demo's outreach, supported responses and updates", () => {
  it("fills the dashboard's 'by link', 'kind of help' and 'can identify action taken' figures, with counts kept as a rebuild makes them", async () => {
    await seedDemo(db());
    const moderator = await createStaff(db(), "moderator");
    const { response } = await call(insight.loader, { path: "/moderate/insight", headers: { Cookie: moderator.cookie } });
    expect(response.status).toBe(200);
    const data = await readJson<Dashboard & { actionSeen: { yes: number; answered: number } }>(response);

    const names = data.outreach.map((link) => link.name);
    expect(names).toEqual(expect.arrayContaining(["Northmoor Local Offer website", "Parent Carer Forum coffee morning, Eastgate Library"]));
    expect(new Set(data.outreach.map((link) => link.kind))).toEqual(new Set(["school", "family_hub", "local_offer", "forum_event"]));
    for (const link of data.outreach) expect(link.responses, link.name).toBeGreaterThan(0);
    expect(data.outreach.some((link) => link.started > link.sent && link.sent > 0)).toBe(true);

    expect(data.support.any).toBe(true);
    expect(data.support.total).toBeGreaterThan(0);
    expect(data.actionSeen.answered).toBeGreaterThan(0);
    expect(data.actionSeen.yes).toBeLessThan(data.actionSeen.answered);

    // The links were credited through withCounts: the kept counts are what a rebuild from the responses gives.
    const outreachCounts = () =>
      db()
        .selectFrom("outreach_counts")
        .select(["outreach_link_id", "day", "audience", "lang", "n"])
        .orderBy("outreach_link_id")
        .orderBy("day")
        .orderBy("audience")
        .orderBy("lang")
        .execute();
    const kept = await outreachCounts();
    await rebuildAggregates(db());
    const rebuilt = await outreachCounts();
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.map((row) => ({ ...row, n: Number(row.n) }))).toEqual(rebuilt.map((row) => ({ ...row, n: Number(row.n) })));
    expect((await actionSeen(db())).answered).toBe(data.actionSeen.answered);
  }, 60_000);
});
