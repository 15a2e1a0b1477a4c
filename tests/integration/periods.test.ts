import { getDb } from "~/db.server";
import { createAction } from "~/actions/actions.server";
import { actionFormOptions } from "~/actions/options.server";
import { createPeriod, londonToday, setPeriodClosed } from "~/actions/periods.server";
import { approvePublication, requestPublication } from "~/publishing/publishing.server";
import { publicAction, publicActionUpdates, youSaidWeDid } from "~/publishing/public.server";
import { createStatement } from "~/publishing/statements.server";
import * as periodPage from "~/routes/admin.periods.$id";
import * as periodsPage from "~/routes/admin.periods._index";
import * as publicPage from "~/routes/you-said-we-did._index";
import * as jsonExport from "~/routes/you-said-we-did[.]json";
import { call, readJson } from "../support/remix";
import { createStaff } from "../support/factories";

const db = () => getDb();
type Person = Awaited<ReturnType<typeof createStaff>>;
type Failure = { errors: { field: string; message: string }[]; values: Record<string, string> };

/** The boxes of two GOV.UK date inputs, as a browser posts them. */
const dates = (startsOn: string, endsOn: string) => {
  const boxes = (name: string, day: string) => {
    const [year, month, date] = day.split("-");
    return { [`${name}-day`]: date ?? "", [`${name}-month`]: month ?? "", [`${name}-year`]: year ?? "" };
  };
  return { ...boxes("startsOn", startsOn), ...boxes("endsOn", endsOn) };
};

const add = (admin: Person, form: Record<string, string>) =>
  call(periodsPage.action, { path: "/admin/periods", form: { csrf: admin.csrf, ...form }, headers: { Cookie: admin.cookie } });
const change = (admin: Person, id: number, form: Record<string, string>) =>
  call(periodPage.action, { path: `/admin/periods/${id}`, params: { id: String(id) }, form: { csrf: admin.csrf, ...form }, headers: { Cookie: admin.cookie } });

async function publish(entity: "statement" | "action", id: number, author: Person, second: Person) {
  await requestPublication(db(), entity, id, { id: author.id, name: "a", email: author.email, role: "moderator", organisation: "council" });
  await approvePublication(db(), entity, id, { id: second.id, name: "b", email: second.email, role: "administrator", organisation: "pcf" });
}

const actionIn = (period: number | undefined, title: string) => ({
  title,
  description: "d",
  owner: "SEND team",
  partner: "council" as const,
  due_on: "2027-03-31",
  measure: "m",
  theme: [4],
  survey: [],
  period,
});

describe("periods", () => {
  it("take GOV.UK date inputs, with their messages, and keep what was typed", async () => {
    const admin = await createStaff(db(), "administrator");
    const noMonth = await add(admin, { name: "Spring 2001", slug: "spring-2001", ...dates("2001-01-01", ""), "startsOn-month": "" });
    expect(noMonth.response.status).toBe(400);
    const failure = await readJson<Failure>(noMonth.response);
    expect(failure.errors).toEqual([
      { field: "startsOn", message: "Start date must include a month" },
      { field: "endsOn", message: "Enter the end date" },
    ]);
    expect(failure.values).toMatchObject({ name: "Spring 2001", "startsOn-day": "01", "startsOn-month": "", "startsOn-year": "2001" });

    const unreal = await add(admin, { name: "Spring 2001", slug: "spring-2001", ...dates("2001-02-30", "01-06-30") });
    expect((await readJson<Failure>(unreal.response)).errors).toEqual([
      { field: "startsOn", message: "Start date must be a real date" },
      { field: "endsOn", message: "Year must include 4 numbers" },
    ]);
    const backwards = await add(admin, { name: "Spring 2001", slug: "spring-2001", ...dates("2001-06-30", "2001-03-01") });
    expect((await readJson<Failure>(backwards.response)).errors).toEqual([
      { field: "endsOn", message: "End date must be the same as or after the start date" },
    ]);

    const added = await add(admin, { name: "Spring 2001", slug: "spring-2001", ...dates("2001-03-01", "2001-06-30") });
    expect(added.response.status).toBe(303);
    const id = Number(added.response.headers.get("Location")?.match(/periods\/(\d+)/)?.[1]);
    expect(await db().selectFrom("periods").select(["slug", "starts_on", "ends_on", "closed_at"]).where("id", "=", id).executeTakeFirst()).toEqual({
      slug: "spring-2001",
      starts_on: "2001-03-01",
      ends_on: "2001-06-30",
      closed_at: null,
    });
    const again = await add(admin, { name: "Again", slug: "spring-2001", ...dates("2002-03-01", "2002-06-30") });
    expect((await readJson<Failure>(again.response)).errors).toEqual([{ field: "slug", message: "There is already a period with this short name" }]);
  });

  it("refuse overlapping dates on create and on edit, naming the period they overlap", async () => {
    const admin = await createStaff(db(), "administrator");
    await createPeriod(db(), { slug: "year-2003", name: "2003 in full", startsOn: "2003-01-01", endsOn: "2003-12-31" }, admin.id);
    const later = await createPeriod(db(), { slug: "spring-2004", name: "Spring 2004", startsOn: "2004-03-01", endsOn: "2004-05-31" }, admin.id);

    const overlapping = await add(admin, { name: "Winter 2003", slug: "winter-2003", ...dates("2003-12-01", "2004-02-28") });
    expect(overlapping.response.status).toBe(400);
    expect((await readJson<Failure>(overlapping.response)).errors).toEqual([
      {
        field: "startsOn",
        message: "These dates overlap “2003 in full” (1 January 2003 to 31 December 2003). Choose dates outside it, or change that period first",
      },
    ]);
    expect(await db().selectFrom("periods").select("id").where("slug", "=", "winter-2003").executeTakeFirst()).toBeUndefined();

    const stretched = await change(admin, later, { intent: "save", name: "Spring 2004", slug: "spring-2004", ...dates("2003-12-31", "2004-05-31") });
    expect(stretched.response.status).toBe(400);
    expect((await readJson<Failure>(stretched.response)).errors[0]).toMatchObject({ field: "startsOn", message: expect.stringContaining("“2003 in full”") });
    // Its own dates never count against it: moving within them is fine.
    const moved = await change(admin, later, {
      intent: "save",
      name: "Spring 2004",
      slug: "spring-2004",
      ...dates("2004-02-01", "2004-05-31"),
      name_pl: "Wiosna 2004",
    });
    expect(moved.response.status).toBe(303);
    const audit = await db()
      .selectFrom("audit_log")
      .select(["action", "user_id"])
      .where("entity", "=", "period")
      .where("entity_id", "=", String(later))
      .orderBy("id")
      .execute();
    expect(audit).toEqual([
      { action: "period.create", user_id: admin.id },
      { action: "period.update", user_id: admin.id },
    ]);
  });

  it("can be deleted only while nothing was written in them; one with published items can only be closed", async () => {
    const [author, admin] = [await createStaff(db(), "moderator"), await createStaff(db(), "administrator")];
    const empty = await createPeriod(db(), { slug: "empty-2005", name: "Empty 2005", startsOn: "2005-01-01", endsOn: "2005-06-30" }, admin.id);
    const busy = await createPeriod(db(), { slug: "busy-2005", name: "Busy 2005", startsOn: "2005-07-01", endsOn: "2005-12-31" }, admin.id);
    const drafted = await createPeriod(db(), { slug: "drafted-2006", name: "Drafted 2006", startsOn: "2006-01-01", endsOn: "2006-12-31" }, admin.id);
    await publish("statement", await createStatement(db(), 4, busy, { summary: "Families said nobody replies.", quoteIds: [] }, author.id), author, admin);
    await createAction(db(), actionIn(drafted, "A draft"), author.id);

    const refused = await change(admin, busy, { intent: "delete" });
    expect(refused.response.status).toBe(400);
    expect((await readJson<Failure>(refused.response)).errors).toEqual([
      { field: "delete", message: "You cannot delete this period because statements or actions in it are published. Close it instead" },
    ]);
    const withDraft = await change(admin, drafted, { intent: "delete" });
    expect((await readJson<Failure>(withDraft.response)).errors).toEqual([
      { field: "delete", message: "You cannot delete this period because statements or actions have been written in it. Close it instead" },
    ]);
    expect((await change(admin, empty, { intent: "delete" })).response.headers.get("Location")).toBe("/admin/periods?notice=deleted");
    const left = await db().selectFrom("periods").select("slug").where("slug", "in", ["empty-2005", "busy-2005", "drafted-2006"]).orderBy("slug").execute();
    expect(left.map((row) => row.slug)).toEqual(["busy-2005", "drafted-2006"]);
    expect(await db().selectFrom("period_translations").select("name").where("period_id", "=", empty).execute()).toEqual([]);

    // Closed: the public keeps it, staff forms stop offering it and nothing new goes in.
    expect((await change(admin, busy, { intent: "close" })).response.headers.get("Location")).toBe(`/admin/periods/${busy}?notice=closed`);
    expect((await actionFormOptions(db(), "en")).periods.map((p) => p.id)).not.toContain(busy);
    expect((await actionFormOptions(db(), "en", busy)).periods.map((p) => p.id)).toContain(busy);
    await expect(createStatement(db(), 5, busy, { summary: "Late", quoteIds: [] }, author.id)).rejects.toMatchObject({ reason: "periodClosed" });
    await expect(createAction(db(), actionIn(busy, "Late"), author.id)).rejects.toMatchObject({ reason: "periodClosed", field: "period" });
    expect((await youSaidWeDid(db(), "en", { period: "busy-2005" })).period?.slug).toBe("busy-2005");
    await setPeriodClosed(db(), busy, false, admin.id);
    expect((await actionFormOptions(db(), "en")).periods.map((p) => p.id)).toContain(busy);

    const log = await db()
      .selectFrom("audit_log")
      .select("action")
      .where("entity", "=", "period")
      .where("entity_id", "in", [String(empty), String(busy)])
      .orderBy("id")
      .execute();
    expect(log.map((row) => row.action)).toEqual(["period.create", "period.create", "period.delete", "period.close", "period.reopen"]);
  });

  it("are not public until they start, with nothing in them: not on the page, in open data, the feed or an action page", async () => {
    const [author, admin] = [await createStaff(db(), "moderator"), await createStaff(db(), "administrator")];
    const now = new Date();
    const day = (offset: number) => londonToday(new Date(now.getTime() + offset * 86_400_000));
    const current = await createPeriod(db(), { slug: "current", name: "Current", startsOn: day(-30), endsOn: day(0) }, admin.id);
    const future = await createPeriod(db(), { slug: "next-up", name: "Next up", startsOn: day(1), endsOn: day(60) }, admin.id);
    await publish(
      "statement",
      await createStatement(db(), 4, current, { summary: "Now: families said nobody replies.", quoteIds: [] }, author.id),
      author,
      admin,
    );
    await publish("statement", await createStatement(db(), 4, future, { summary: "SOON statement", quoteIds: [] }, author.id), author, admin);
    const action = await createAction(db(), actionIn(future, "SOON action"), author.id);
    await publish("action", action, author, admin);

    for (const path of ["/you-said-we-did?period=next-up", "/you-said-we-did"]) {
      const { response } = await call(publicPage.loader, { path });
      const data = await readJson<{ period: { slug: string }; periods: { slug: string }[] }>(response);
      expect(data.period.slug, path).not.toBe("next-up");
      expect(
        data.periods.map((p) => p.slug),
        path,
      ).not.toContain("next-up");
      expect(await response.clone().text(), path).not.toContain("SOON");
    }
    const json = await (await call(jsonExport.loader, { path: "/you-said-we-did.json?period=next-up" })).response.text();
    expect(json).not.toContain("SOON");
    expect(json).not.toContain("next-up");
    expect(await publicAction(db(), "en", action)).toBeNull();
    expect((await publicActionUpdates(db(), "en")).map((update) => update.actionId)).not.toContain(action);

    // On its first day it is public, and so is everything published in it.
    const started = new Date(`${day(1)}T09:00:00Z`);
    const then = await youSaidWeDid(db(), "en", { period: "next-up" }, 10, started);
    if (!then.period || !("overview" in then)) throw new Error("the period should be public on its first day");
    expect(then.period.slug).toBe("next-up");
    expect(then.sections.map((s) => s.summary)).toEqual(["SOON statement"]);
    expect(then.actions.map((a) => a.title)).toEqual(["SOON action"]);
    expect((await publicAction(db(), "en", action, started))?.title).toBe("SOON action");

    const list = await readJson<{ periods: { slug: string; future: boolean }[] }>(
      (await call(periodsPage.loader, { path: "/admin/periods", headers: { Cookie: admin.cookie } })).response,
    );
    expect(list.periods.find((p) => p.slug === "next-up")?.future).toBe(true);
  });

  it("are named in the reader's language where they have that name, else in English, marked as English", async () => {
    const [author, admin] = [await createStaff(db(), "moderator"), await createStaff(db(), "administrator")];
    const period = await createPeriod(
      db(),
      { slug: "autumn-2007", name: "Autumn 2007", startsOn: "2007-09-01", endsOn: "2007-12-31", translations: { pl: "Jesień 2007" } },
      admin.id,
    );
    await publish("statement", await createStatement(db(), 4, period, { summary: "Families said nobody replies.", quoteIds: [] }, author.id), author, admin);

    type Page = { period: { name: string; nameLang: string }; periods: { slug: string; name: string; lang: string }[] };
    const polish = await readJson<Page>((await call(publicPage.loader, { path: "/you-said-we-did?period=autumn-2007&lng=pl" })).response);
    expect(polish.period).toMatchObject({ name: "Jesień 2007", nameLang: "pl" });
    expect(polish.periods.find((p) => p.slug === "autumn-2007")).toEqual({ slug: "autumn-2007", name: "Jesień 2007", lang: "pl" });
    const spanish = await readJson<Page>((await call(publicPage.loader, { path: "/you-said-we-did?period=autumn-2007&lng=es" })).response);
    expect(spanish.period).toMatchObject({ name: "Autumn 2007", nameLang: "en" });

    // Administrators see how many languages still lack the name.
    const list = await readJson<{ periods: { slug: string; missing: string[]; translations: Record<string, string> }[] }>(
      (await call(periodsPage.loader, { path: "/admin/periods", headers: { Cookie: admin.cookie } })).response,
    );
    const row = list.periods.find((p) => p.slug === "autumn-2007");
    expect(row?.translations).toEqual({ pl: "Jesień 2007" });
    expect(row?.missing).toHaveLength(10);
    expect(row?.missing).not.toContain("pl");

    // A new English name makes the old translations out of date, unless they are changed with it.
    const form = { intent: "save", slug: "autumn-2007", ...dates("2007-09-01", "2007-12-31") };
    await change(admin, period, { ...form, name: "Autumn term 2007", name_pl: "Jesień 2007", name_ro: "Toamna 2007" });
    const names = async () =>
      (await db().selectFrom("period_translations").select(["lang", "name"]).where("period_id", "=", period).orderBy("lang").execute()).map(
        (r) => `${r.lang}:${r.name}`,
      );
    expect(await names()).toEqual(["en:Autumn term 2007", "ro:Toamna 2007"]);
    await change(admin, period, { ...form, name: "Autumn 2007", name_pl: "Jesień 2007", name_ro: "Toamna 2007" });
    expect(await names()).toEqual(["en:Autumn 2007", "pl:Jesień 2007"]);
  });
});
