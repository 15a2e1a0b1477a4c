import { Kysely, PostgresDialect, SqliteDialect, type LogEvent } from "kysely";
import { EmptyListPlugin, postgresPool, sqliteHandle, type DB } from "../../db/connection";
import type { Database } from "../../db/schema";
import { seedDemo } from "../../db/seed/demo";
import { getDb } from "~/db.server";
import * as adminThemes from "~/routes/admin.themes._index";
import * as exportsPage from "~/routes/moderate.exports._index";
import * as queue from "~/routes/moderate._index";
import * as insight from "~/routes/moderate.insight";
import * as outreachLink from "~/routes/moderate.outreach.$id";
import * as outreachLinks from "~/routes/moderate.outreach._index";
import { createLink } from "~/outreach/links.server";
import * as quotes from "~/routes/moderate.quotes._index";
import * as responsePage from "~/routes/moderate.responses.$id";
import * as concerns from "~/routes/moderate.safeguarding._index";
import * as statements from "~/routes/moderate.statements._index";
import * as waiting from "~/routes/moderate.waiting";
import * as surveys from "~/routes/surveys._index";
import * as publicAction from "~/routes/you-said-we-did.actions.$id";
import * as publicPage from "~/routes/you-said-we-did._index";
import * as report from "~/routes/you-said-we-did.report";
import * as themePage from "~/routes/you-said-we-did.themes.$slug";
import * as feed from "~/routes/you-said-we-did[.]atom";
import * as openCsv from "~/routes/you-said-we-did[.]csv";
import * as openJson from "~/routes/you-said-we-did[.]json";
import { mergeBatch, startMerge } from "~/moderation/merges.server";
import { createStaff } from "../support/factories";
import { call } from "../support/remix";

/**
 * Every query a page runs must be served by an index: a page that reads a table growing with the
 * responses from end to end gets slower with every response (issue 13). The pages' loaders run
 * against the demo data through a Kysely instance that records each query, and the engine's own
 * plan for each is read: SQLite's EXPLAIN QUERY PLAN, where a step "SCAN <table>" without an index
 * fails; PostgreSQL's EXPLAIN, where a "Seq Scan" fails. The demo tables are small, and PostgreSQL
 * would rightly read a small table whole, so its plans are asked for with sequential scans (and,
 * for the merge, sorts) priced out of reach: one that is still chosen has no index to use instead.
 *
 * Of the count tables, the daily ones are read by their keys too. queue_counts and
 * queue_theme_counts may be read whole: a row per combination of survey, audience, language and
 * status, not per day or response (docs/decisions/020-counts.md).
 */
const growing = [
  ...["responses", "answers", "response_themes", "response_notes", "drafts", "audit_log", "quotes", "quote_themes"],
  ...["safeguarding_concerns", "outbox", "sessions", "suggestion_terms", "response_counts", "answer_counts", "theme_counts", "outreach_counts"],
];

type Loader = Parameters<typeof call>[0];
interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  Plans?: PlanNode[];
}

describe("query plans", () => {
  it("read no table that grows with responses from end to end, on any public or staff page", async () => {
    await seedDemo(getDb());
    const admin = await createStaff(getDb(), "administrator");
    const queries: { sql: string; parameters: readonly unknown[] }[] = [];
    const log = (event: LogEvent) => {
      if (event.level === "query") queries.push({ sql: event.query.sql, parameters: event.query.parameters });
    };
    const handle = sqliteHandle(getDb());
    const pool = postgresPool(getDb());
    const logging = new Kysely<Database>({
      dialect: pool ? new PostgresDialect({ pool }) : new SqliteDialect({ database: handle! }),
      log,
      plugins: [new EmptyListPlugin()],
    });
    Object.defineProperty(logging, Symbol.for(pool ? "you-said-we-did.postgres-pool" : "you-said-we-did.sqlite-handle"), { value: pool ?? handle });

    /** Each step of the plan that reads a table whole (`scan`) or sorts (`sort`), with the table's real name. */
    const stepsOf = async (query: { sql: string; parameters: readonly unknown[] }) => {
      if (!pool) {
        const plan = handle!.prepare(`explain query plan ${query.sql}`).all(...(query.parameters as unknown[])) as { detail: string }[];
        return plan.map((step) => {
          const scanned = /^SCAN (\w+)(?: AS (\w+))?/.exec(step.detail);
          const whole = scanned && !/ USING (COVERING )?INDEX /.test(step.detail);
          // Kysely writes an alias as `"table" as "alias"`; the plan names the alias.
          const table = scanned ? (new RegExp(`"(\\w+)" as "${scanned[1]}"`).exec(query.sql)?.[1] ?? scanned[1]) : "";
          return { detail: step.detail, scan: whole ? table : undefined, sort: step.detail.includes("TEMP B-TREE") };
        });
      }
      const client = await pool.connect();
      try {
        await client.query("set enable_seqscan = off");
        await client.query("set enable_sort = off");
        const { rows } = await client.query<{ "QUERY PLAN": [{ Plan: PlanNode }] }>(`explain (format json) ${query.sql}`, [...query.parameters]);
        const steps: { detail: string; scan?: string; sort: boolean }[] = [];
        const walk = (node: PlanNode) => {
          const detail = `${node["Node Type"]}${node["Relation Name"] ? ` on ${node["Relation Name"]}` : ""}`;
          steps.push({ detail, scan: node["Node Type"] === "Seq Scan" ? node["Relation Name"] : undefined, sort: /Sort$/.test(node["Node Type"]) });
          for (const child of node.Plans ?? []) walk(child);
        };
        walk(rows[0]["QUERY PLAN"][0].Plan);
        return steps;
      } finally {
        await client.query("reset all");
        client.release();
      }
    };

    const published = await getDb()
      .selectFrom("statements as s")
      .innerJoin("publications as p", (join) => join.onRef("p.entity_id", "=", "s.id").on("p.entity", "=", "statement"))
      .innerJoin("periods as pe", "pe.id", "s.period_id")
      .innerJoin("themes as th", "th.id", "s.theme_id")
      .select(["pe.slug as period", "th.id", "th.slug"])
      .where("p.published_at", "is not", null)
      .executeTakeFirstOrThrow();
    const [period, theme] = [published.period, { id: published.id, slug: published.slug }];
    const response = (await getDb().selectFrom("responses").select("id").orderBy("id").executeTakeFirstOrThrow()).id;
    const action = (
      await getDb()
        .selectFrom("publications")
        .select("entity_id")
        .where("entity", "=", "action")
        .where("published_at", "is not", null)
        .executeTakeFirstOrThrow()
    ).entity_id;
    const staff = { Cookie: admin.cookie };
    const parents = await getDb().selectFrom("surveys").select("id").where("slug", "=", "parents-and-carers").executeTakeFirstOrThrow();
    const link = (await createLink(getDb(), { name: "Greenfield Primary newsletter", kind: "newsletter", surveyId: parents.id }, admin.id)).id;
    const pages: [string, Loader, string, Record<string, string>?, Record<string, string>?][] = [
      ["public page", publicPage.loader, `/you-said-we-did?period=${period}`],
      ["public page, searched", publicPage.loader, `/you-said-we-did?period=${period}&q=school&audience=young_person`],
      ["theme page", themePage.loader, `/you-said-we-did/themes/${theme.slug}?period=${period}`, { slug: theme.slug }],
      ["action page", publicAction.loader, `/you-said-we-did/actions/${action}`, { id: String(action) }],
      ["report", report.loader, `/you-said-we-did/report?period=${period}`],
      ["open data JSON", openJson.loader, `/you-said-we-did.json?period=${period}`],
      ["open data CSV", openCsv.loader, `/you-said-we-did.csv?period=${period}`],
      ["feed", feed.loader, "/you-said-we-did.atom"],
      ["surveys", surveys.loader, "/surveys"],
      ["queue", queue.loader, "/moderate", {}, staff],
      ["queue by theme", queue.loader, `/moderate?theme=${theme.id}`, {}, staff],
      ["queue by language", queue.loader, "/moderate?lang=pl", {}, staff],
      ["queue untagged", queue.loader, "/moderate?untagged=1&status=new", {}, staff],
      ["queue by survey and audience", queue.loader, "/moderate?survey=parents-and-carers&audience=parent_carer", {}, staff],
      ["queue supported", queue.loader, "/moderate?support=any", {}, staff],
      ["queue by kind of help", queue.loader, "/moderate?support=interpreting&status=new", {}, staff],
      ["response", responsePage.loader, `/moderate/responses/${response}`, { id: String(response) }, staff],
      ["dashboard", insight.loader, "/moderate/insight", {}, staff],
      ["dashboard, narrowed", insight.loader, "/moderate/insight?survey=parents-and-carers&audience=parent_carer&lang=en&by=week", {}, staff],
      ["outreach links", outreachLinks.loader, "/moderate/outreach", {}, staff],
      ["outreach link", outreachLink.loader, `/moderate/outreach/${link}`, { id: String(link) }, staff],
      ["waiting", waiting.loader, "/moderate/waiting", {}, staff],
      ["statements", statements.loader, "/moderate/statements", {}, staff],
      ["quotes", quotes.loader, "/moderate/quotes", {}, staff],
      ["safeguarding", concerns.loader, "/moderate/safeguarding", {}, staff],
      ["exports", exportsPage.loader, "/moderate/exports", {}, staff],
      ["themes", adminThemes.loader, "/admin/themes", {}, staff],
    ];

    const scans: string[] = [];
    const planned = async (name: string, { sorts = true } = {}) => {
      expect(queries.length, `${name} ran no query`).toBeGreaterThan(0);
      // Transaction control (begin, the write lock, commit) has no plan.
      for (const query of queries.filter((one) => /^\s*(select|insert|update|delete|with)\b/i.test(one.sql))) {
        for (const step of await stepsOf(query)) {
          if ((step.scan && growing.includes(step.scan)) || (!sorts && step.sort)) scans.push(`${name}: ${step.detail}\n    in: ${query.sql}`);
        }
      }
      queries.length = 0;
    };
    const app = getDb();
    globalThis.__portalDb = logging as DB;
    try {
      for (const [name, loader, path, params, headers] of pages) {
        queries.length = 0;
        const { response: page } = await call(loader, { path, params, headers });
        expect(page.status, `${name} answered ${page.status}`).toBe(200);
        await page.text();
        await planned(name);
      }
    } finally {
      globalThis.__portalDb = app;
    }
    // A merge runs hundreds of batches on a common theme: each finds its next responses by index,
    // in response order, without sorting all that are left.
    const carried = await getDb().selectFrom("questions").select("theme_id").where("theme_id", "is not", null).executeTakeFirstOrThrow();
    const other = await getDb()
      .selectFrom("themes")
      .select("id")
      .where("id", "!=", carried.theme_id!)
      .where("retired_at", "is", null)
      .executeTakeFirstOrThrow();
    await startMerge(getDb(), carried.theme_id!, other.id, admin.id);
    queries.length = 0;
    await logging.transaction().execute((trx) => mergeBatch(trx, carried.theme_id!, 5));
    await planned("theme merge, a batch", { sorts: false });
    expect(scans).toEqual([]);
    // The demo seed and every page, on a busy machine: well past vitest's default five seconds.
  }, 60_000);
});
