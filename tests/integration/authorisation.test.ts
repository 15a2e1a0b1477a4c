/// <reference types="vite/client" />
import type { AppLoadContext } from "@remix-run/node";
import { createAction } from "~/actions/actions.server";
import { createPeriod } from "~/actions/periods.server";
import { createStatement } from "~/publishing/statements.server";
import { getDb } from "~/db.server";
import { createQuote } from "~/moderation/quotes.server";
import { storeUpload } from "~/insight/population.server";
import { flagResponse } from "~/safeguarding/concerns.server";
import { createLink } from "~/outreach/links.server";
import { call, readJson } from "../support/remix";
import { createParentSurvey, createResponse, createStaff } from "../support/factories";
import { sineWav } from "../support/audio";

type RouteModule = {
  loader?: (args: { request: Request; params: Record<string, string>; context: AppLoadContext }) => unknown;
  action?: (args: { request: Request; params: Record<string, string>; context: AppLoadContext }) => unknown;
};

// Every route file under /moderate, /admin and /support, found from the file names: a new one cannot escape.
// Pages and resource routes (a PDF, a download) alike.
const routeFiles = import.meta.glob<RouteModule>(["/app/routes/moderate*.{ts,tsx}", "/app/routes/admin*.{ts,tsx}", "/app/routes/support*.{ts,tsx}"]);

/** A spoken answer with its recording, on a sent response: the moderation pages' players and "type up" form. */
async function recordingFor(db: ReturnType<typeof getDb>, responseId: number): Promise<number> {
  const answered = await db.selectFrom("answers").select(["question_id", "question_version"]).where("response_id", "=", responseId).executeTakeFirstOrThrow();
  const bytes = sineWav(1);
  const { id } = await db
    .insertInto("spoken_answers")
    .values({ response_id: responseId, ...answered, mime_type: "audio/wav", byte_size: bytes.length, duration_ms: 1000, created_at: new Date().toISOString() })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db.insertInto("spoken_audio").values({ spoken_answer_id: id, bytes }).execute();
  return id;
}

/** The URL a route file answers, with its params filled in. */
function urlFor(
  file: string,
  ids: {
    response: number;
    user: number;
    flag: number;
    quote: number;
    answer: number;
    action: number;
    statement: number;
    period: number;
    upload: number;
    outreach: number;
    spoken: number;
    survey: string;
  },
) {
  const name = file.replace("/app/routes/", "").replace(/\.tsx?$/, "");
  const params: Record<string, string> = {};
  const path = name
    .split(".")
    .filter((segment) => segment !== "_index")
    .map((segment) => {
      if (!segment.startsWith("$")) return segment;
      // "$id_" is Remix's way to nest a URL without nesting the page; the param is still "id".
      const param = segment.slice(1).replace(/_$/, "");
      const value =
        param === "key"
          ? "new"
          : param === "lang"
            ? "pl"
            : name.startsWith("admin.surveys") || name.startsWith("support")
              ? ids.survey
              : name.startsWith("moderate.responses")
                ? ids.response
                : name.startsWith("admin.users")
                  ? ids.user
                  : name.startsWith("moderate.safeguarding")
                    ? ids.flag
                    : name.startsWith("moderate.quotes")
                      ? ids.quote
                      : name.startsWith("admin.themes")
                        ? 1
                        : name.startsWith("admin.periods")
                          ? ids.period
                          : name.startsWith("admin.population.uploads")
                            ? ids.upload
                            : name.startsWith("admin.population")
                              ? ids.period
                              : name.startsWith("moderate.actions")
                                ? ids.action
                                : name.startsWith("moderate.statements")
                                  ? ids.statement
                                  : name.startsWith("moderate.outreach")
                                    ? ids.outreach
                                    : name.startsWith("moderate.spoken")
                                      ? ids.spoken
                                      : null;
      if (value === null) throw new Error(`Add a value for ${segment} in ${file} to the authorisation test`);
      params[param] = String(value);
      return String(value);
    })
    .join("/");
  // Moderators read surveys (the list, each survey, its preview, history and file); only administrators build them.
  const readsSurveys = [
    "admin.surveys._index",
    "admin.surveys.$slug._index",
    "admin.surveys.$slug.export",
    "admin.surveys.$slug.preview",
    "admin.surveys.$slug.history",
  ].includes(name);
  const area = name.startsWith("support") ? "support" : name.includes("safeguarding") ? "safeguarding" : name.startsWith("admin") ? "admin" : "moderate";
  // Routes that need a query string to show anything.
  const query = name === "moderate.quotes.new" ? `?answer=${ids.answer}` : name === "moderate.statements.new" ? `?theme=2&period=${ids.period}` : "";
  return { path: `/${path}${query}`, params, areas: { GET: readsSurveys ? "moderate" : area, POST: area } };
}

describe("authorisation matrix", () => {
  it("covers the staff routes", () => {
    const names = Object.keys(routeFiles);
    expect(names).toContain("/app/routes/moderate._index.tsx");
    expect(names).toContain("/app/routes/admin.users._index.tsx");
    expect(names).toContain("/app/routes/moderate.safeguarding._index.tsx");
    expect(names).toContain("/app/routes/support.$slug.tsx");
  });

  it("gives each role the answer it should, for every staff route, GET and POST", async () => {
    const db = getDb();
    const slug = await createParentSurvey(db);
    const response = await createResponse(db, slug, { "contact-reply": "agree" });
    const staff = {
      moderator: await createStaff(db, "moderator"),
      safeguarding_lead: await createStaff(db, "safeguarding_lead"),
      administrator: await createStaff(db, "administrator"),
      // Helps someone answer; every page that shows responses or runs the portal refuses them.
      supporter: await createStaff(db, "supporter"),
    };
    const flagged = await createResponse(db, slug, { "one-change": "Something worrying." });
    const flag = await flagResponse(db, flagged, "Worrying", staff.moderator.id);
    const quoted = await createResponse(db, slug, { "one-change": "Reply to emails within a week." });
    const answer = (await db.selectFrom("answers").select("id").where("response_id", "=", quoted).executeTakeFirstOrThrow()).id;
    const quote = await createQuote(
      db,
      answer,
      { text: "Reply to emails within a week.", themeIds: [] },
      { ...staff.moderator, name: "m", email: staff.moderator.email, role: "moderator", organisation: "council" },
    );
    const action = await createAction(
      db,
      {
        title: "Reply within 5 days",
        description: "d",
        owner: "SEND team",
        partner: "council",
        due_on: "2027-03-31",
        measure: "m",
        theme: [1],
        survey: [],
        period: undefined,
      },
      staff.moderator.id,
    );
    const period = (await createPeriod(db, { slug: "matrix", name: "Matrix", startsOn: "2026-01-01", endsOn: "2026-12-31" }, staff.administrator.id)) as number;
    const statement = await createStatement(db, 1, period, { summary: "People said…", quoteIds: [] }, staff.moderator.id);
    const upload = await storeUpload(db, { periodId: period, fileName: "sen.csv", rows: 1, areas: [], userId: staff.administrator.id });
    const surveyId = (await db.selectFrom("surveys").select("id").where("slug", "=", slug).executeTakeFirstOrThrow()).id;
    const outreach = (await createLink(db, { name: "Matrix school", kind: "school", surveyId }, staff.moderator.id)).id;
    const spoken = await recordingFor(db, quoted);
    const ids = { response, user: staff.moderator.id, flag, quote, answer, action, statement, period, upload, outreach, spoken, survey: slug };
    const checked: string[] = [];

    for (const [file, load] of Object.entries(routeFiles)) {
      const route = await load();
      const { path, params, areas } = urlFor(file, ids);
      for (const method of ["GET", "POST"] as const) {
        const area = areas[method];
        const fn = method === "GET" ? route.loader : route.action;
        if (!fn) continue;
        const form = method === "POST" ? { intent: "save" } : undefined;

        const anonymous = await call(fn, { path, params, form });
        expect(anonymous.response.status, `${method} ${path} anonymous`).toBe(302);
        expect(anonymous.response.headers.get("Location"), `${method} ${path} anonymous`).toMatch(/^\/sign-in\?redirectTo=/);

        for (const [role, person] of Object.entries(staff)) {
          const allowed =
            area === "support" ||
            (role !== "supporter" && (area === "moderate" || role === "administrator" || (area === "safeguarding" && role === "safeguarding_lead")));
          const { response: answer } = await call(fn, { path, params, form, headers: { Cookie: person.cookie } });
          const label = `${method} ${path} as ${role}`;
          if (!allowed) {
            expect(answer.status, label).toBe(403);
            expect(await readJson(answer), label).toMatchObject({ kind: "forbidden" });
          } else if (method === "POST") {
            // Allowed in, but a form without the session's CSRF token changes nothing.
            expect(answer.status, label).toBe(403);
            expect(await readJson(answer), label).toMatchObject({ kind: "csrf" });
          } else {
            expect([200, 302], label).toContain(answer.status);
            if (answer.status === 302) expect(answer.headers.get("Location"), label).not.toMatch(/sign-in/);
          }
        }
        checked.push(`${method} ${path}`);
      }
    }
    expect(checked.length).toBeGreaterThanOrEqual(8);
    // Every staff route, five roles, GET and POST: a few hundred requests, more than the default 5 s on a busy machine.
  }, 60_000);
});
