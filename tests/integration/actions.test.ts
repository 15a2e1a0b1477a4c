import { getDb } from "~/db.server";
import * as actionPage from "~/routes/moderate.actions.$id";
import * as newAction from "~/routes/moderate.actions.new";
import * as actions from "~/routes/moderate.actions._index";
import { call, readJson } from "../support/remix";
import { createStaff } from "../support/factories";

const db = () => getDb();
const details = {
  title: "Reply to every email within 5 working days",
  description: "Families told us nobody replies. The SEND team will answer within 5 working days.",
  owner: "SEND casework team",
  partner: "council",
  "due_on-day": "31",
  "due_on-month": "3",
  "due_on-year": "2027",
  measure: "90% of emails answered within 5 working days, checked monthly",
};

async function makeAction(person: Awaited<ReturnType<typeof createStaff>>) {
  const { response } = await call(newAction.action, {
    path: "/moderate/actions/new",
    form: { csrf: person.csrf, ...details, theme: ["4"] },
    headers: { Cookie: person.cookie },
  });
  expect(response.status).toBe(303);
  return Number(response.headers.get("Location")?.match(/actions\/(\d+)/)?.[1]);
}

const post = (person: Awaited<ReturnType<typeof createStaff>>, id: number, form: Record<string, string>) =>
  call(actionPage.action, {
    path: `/moderate/actions/${id}`,
    params: { id: String(id) },
    form: { csrf: person.csrf, ...form },
    headers: { Cookie: person.cookie },
  });

describe("actions", () => {
  it("are created with an owner, partner, due date, measure and themes, starting as planned", async () => {
    const moderator = await createStaff(db(), "moderator");
    const id = await makeAction(moderator);
    const page = await readJson<{ action: { title: string; status: string; themeIds: number[]; history: { to_status: string }[] } }>(
      (await call(actionPage.loader, { path: `/moderate/actions/${id}`, params: { id: String(id) }, headers: { Cookie: moderator.cookie } })).response,
    );
    expect(page.action).toMatchObject({ title: details.title, status: "planned", themeIds: [4] });
    expect(page.action.history.map((row) => row.to_status)).toEqual(["planned"]);
    const list = await readJson<{ actions: { id: number }[] }>(
      (await call(actions.loader, { path: "/moderate/actions?status=planned&theme=4", headers: { Cookie: moderator.cookie } })).response,
    );
    expect(list.actions.map((a) => a.id)).toContain(id);
  });

  it("explain what is missing, keeping what was typed", async () => {
    const moderator = await createStaff(db(), "moderator");
    const { response } = await call(newAction.action, {
      path: "/moderate/actions/new",
      form: { csrf: moderator.csrf, ...details, "due_on-month": "", measure: "" },
      headers: { Cookie: moderator.cookie },
    });
    expect(response.status).toBe(400);
    const body = await readJson<{ errors: { field: string; message: string }[]; values: Record<string, string> }>(response);
    expect(body.errors.map((e) => e.field).sort()).toEqual(["due_on", "measure", "theme"]);
    // The GOV.UK date input's own message, and every box kept as typed.
    expect(body.errors.find((e) => e.field === "due_on")?.message).toBe("Due date must include a month");
    expect(body.values).toMatchObject({ title: details.title, "due_on-day": "31", "due_on-month": "", "due_on-year": "2027" });
  });

  it("keep every status change, need a reason when not possible, and keep evidence of impact when done", async () => {
    const moderator = await createStaff(db(), "moderator");
    const id = await makeAction(moderator);
    const noReason = await post(moderator, id, { intent: "status", status: "not_possible", reason: "", version: "0" });
    expect(noReason.response.status).toBe(400);
    expect((await post(moderator, id, { intent: "status", status: "in_progress", version: "0" })).response.status).toBe(303);
    expect(
      (await post(moderator, id, { intent: "status", status: "done", impact: "Average reply time fell from 19 to 4 days.", version: "1" })).response.status,
    ).toBe(303);
    const history = await db().selectFrom("action_status_history").select(["from_status", "to_status"]).where("action_id", "=", id).orderBy("id").execute();
    expect(history).toEqual([
      { from_status: null, to_status: "planned" },
      { from_status: "planned", to_status: "in_progress" },
      { from_status: "in_progress", to_status: "done" },
    ]);
    expect((await db().selectFrom("action_texts").select("impact").where("action_id", "=", id).executeTakeFirstOrThrow()).impact).toBe(
      "Average reply time fell from 19 to 4 days.",
    );
    const log = await db().selectFrom("audit_log").select("action").where("entity", "=", "action").where("entity_id", "=", String(id)).orderBy("id").execute();
    expect(log.map((row) => row.action)).toEqual(["action.create", "action.status", "action.status"]);
  });

  it("refuse a change made on an out-of-date page with 409", async () => {
    const [first, second] = [await createStaff(db(), "moderator"), await createStaff(db(), "moderator")];
    const id = await makeAction(first);
    expect((await post(first, id, { intent: "status", status: "in_progress", version: "0" })).response.status).toBe(303);
    const late = await post(second, id, { intent: "status", status: "done", version: "0" });
    expect(late.response.status).toBe(409);
    expect((await db().selectFrom("actions").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status).toBe("in_progress");
  });

  it("take dated progress updates", async () => {
    const moderator = await createStaff(db(), "moderator");
    const id = await makeAction(moderator);
    const empty = await post(moderator, id, { intent: "update", body: "Recruited two case officers." });
    expect(await readJson(empty.response)).toMatchObject({ errors: [{ field: "update_on", message: "Enter the date of the update" }] });
    const bad = await post(moderator, id, {
      intent: "update",
      body: "Recruited two case officers.",
      "update_on-day": "31",
      "update_on-month": "11",
      "update_on-year": "2026",
    });
    expect(bad.response.status).toBe(400);
    expect(await readJson(bad.response)).toMatchObject({
      errors: [{ field: "update_on", message: "Date of the update must be a real date" }],
      values: { "update_on-day": "31" },
    });
    await post(moderator, id, {
      intent: "update",
      body: "Recruited two case officers.",
      "update_on-day": "20",
      "update_on-month": "11",
      "update_on-year": "2026",
    });
    const updates = await db().selectFrom("action_updates").select(["body", "update_on"]).where("action_id", "=", id).execute();
    expect(updates).toEqual([{ body: "Recruited two case officers.", update_on: "2026-11-20" }]);
  });
});
