import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { repoRoot } from "../setup/paths";
import { removeDatabase, startServer, type RunningServer } from "../support/server";
import { demoCode, hasDemoSecondFactor } from "../support/second-factor";

/**
 * Each finding of the outside security test, reproduced as the tester did it: real HTTP requests
 * to the built production server, separate cookie jars for separate people, no calls into the
 * app's internals. See docs/security.md.
 */

let server: RunningServer;
beforeAll(async () => {
  // Behind one proxy, as .env.example now explains; the tests play that proxy's X-Forwarded-For.
  server = await startServer({ env: { TRUST_PROXY: "1", SUBMISSIONS_PER_HOUR_PER_ADDRESS: "350" } });
});
afterAll(async () => {
  await server?.stop();
  if (server) removeDatabase(server.databasePath);
});

class Browser {
  cookies = new Map<string, string>();
  constructor(readonly address = "203.0.113.10") {}
  header() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
  async fetch(url: string, init: RequestInit & { form?: Record<string, string> } = {}) {
    const headers = new Headers(init.headers);
    headers.set("Cookie", this.header());
    if (!headers.has("X-Forwarded-For")) headers.set("X-Forwarded-For", this.address);
    let body = init.body;
    if (init.form) body = new URLSearchParams(init.form);
    const response = await fetch(server.url + url, { ...init, body, headers, redirect: "manual" });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair, ...attributes] = cookie.split(";");
      const [name, ...value] = pair.split("=");
      if (attributes.some((a) => /max-age=0/i.test(a))) this.cookies.delete(name);
      else this.cookies.set(name, value.join("="));
    }
    return response;
  }
  post(url: string, form: Record<string, string>, headers: Record<string, string> = {}) {
    return this.fetch(url, { method: "POST", form, headers });
  }
  async signIn(email: string, password: string) {
    const response = await this.post("/sign-in", { email, password });
    expect(response.status).toBe(303);
    if (!hasDemoSecondFactor(email)) return;
    // Administrators and leads: the security code page next.
    expect(response.headers.get("Location")).toMatch(/^\/sign-in\/code/);
    const [row] = server.query<{ totp_last_step: number | null }>("select totp_last_step from users where email = ?", email);
    const code = await this.post("/sign-in/code", { csrf: await this.csrf("/sign-in/code"), code: await demoCode(email, row.totp_last_step) });
    expect(code.status).toBe(303);
  }
  async csrf(url: string) {
    const html = await (await this.fetch(url)).text();
    return /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? "";
  }
}

const SURVEY = "young-people";

/** Sends the request line and headers of a large body, then only its first bytes; resolves with what came back. */
function rawRequest(line: string, length: number, start: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(Number(new URL(server.url).port), "127.0.0.1");
    let text = "";
    const done = () => {
      socket.destroy();
      resolve(text);
    };
    socket.on("data", (chunk: Buffer) => (text += chunk.toString()));
    socket.on("end", done);
    socket.on("error", done);
    setTimeout(done, 4_000);
    socket.write(
      `${line}\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${length}\r\n\r\n${start}${"x".repeat(64 * 1024)}`,
    );
  });
}

async function answerYouthSurvey(person: Browser, words?: string) {
  expect((await person.post(`/surveys/${SURVEY}`, { intent: "start" })).status).toBe(303);
  for (const [key, answer] of [["school-feel", "good"], ["adults-listen", "okay"], ...(words ? [["best-thing", words]] : [])]) {
    expect((await person.post(`/surveys/${SURVEY}/questions/${key}`, { intent: "continue", answer })).status, key).toBe(303);
  }
}

describe("1. a resume code is spent when it is used", () => {
  it("lets the parent carry on and locks out whoever sent them the link", async () => {
    const sender = new Browser();
    await answerYouthSurvey(sender);
    const saved = await sender.post(`/surveys/${SURVEY}/questions/best-thing`, { intent: "save", answer: "" });
    expect(saved.headers.get("Location")).toBe(`/surveys/${SURVEY}/saved`);
    const page = await (await sender.fetch(`/surveys/${SURVEY}/saved`)).text();
    const code = /\/resume\/([A-Z0-9-]{14})/.exec(page)?.[1] ?? "";
    expect(code).not.toBe("");

    // Opening the link (a chat app's preview, say) spends nothing.
    expect((await new Browser().fetch(`/resume/${code}`)).status).toBe(200);
    const parent = new Browser("198.51.100.20");
    expect((await parent.post(`/resume/${code}`, {})).status).toBe(303);
    expect((await parent.post(`/surveys/${SURVEY}/questions/best-thing`, { intent: "continue", answer: "PRIVATE-WORDS my daughter self harms" })).status).toBe(
      303,
    );

    // The sender tries the same link, and their old cookie: neither shows the parent's words.
    const again = await sender.post(`/resume/${code}`, {});
    expect(again.status).toBe(404);
    const old = await sender.fetch(`/surveys/${SURVEY}/questions/best-thing`);
    expect(old.status).toBe(410);
    expect(await old.text()).not.toContain("PRIVATE-WORDS");
  });
});

describe("2. the two-person rule holds after publishing", () => {
  it("keeps a moderator's lone change to a published statement and action off every public output", async () => {
    const [statement] = server.query<{ id: number; period: string }>(
      "select s.id, p.slug as period from statements s join periods p on p.id = s.period_id join publications pub on pub.entity = 'statement' and pub.entity_id = s.id where pub.published_at is not null limit 1",
    );
    const [action] = server.query<{ id: number; version: number }>(
      "select a.id, a.version from actions a join publications pub on pub.entity = 'action' and pub.entity_id = a.id where pub.published_at is not null and a.status = 'in_progress' limit 1",
    );
    const outputs = async () =>
      Promise.all(
        [
          `/you-said-we-did?period=${statement.period}`,
          `/you-said-we-did.json?period=${statement.period}`,
          `/you-said-we-did.csv?period=${statement.period}`,
          `/you-said-we-did/report?period=${statement.period}`,
          `/you-said-we-did/actions/${action.id}`,
          // A page's scripts carry a nonce drawn afresh for each request: not content.
        ].map(async (url) => (await (await fetch(server.url + url)).text()).replace(/ nonce="[^"]*"/g, "")),
      );
    const before = await outputs();

    const moderator = new Browser();
    await moderator.signIn("moderator@example.org", "demo moderator password");
    let csrf = await moderator.csrf(`/moderate/statements/${statement.id}`);
    const [{ version }] = server.query<{ version: number }>("select version from statements where id = ?", statement.id);
    const edit = await moderator.post(`/moderate/statements/${statement.id}`, {
      csrf,
      intent: "save",
      version: String(version),
      summary: "PLANTED-LONE-EDIT nobody checked this",
      correction: "PLANTED-LONE-NOTE",
    });
    expect(edit.status).toBe(303);
    csrf = await moderator.csrf(`/moderate/actions/${action.id}`);
    expect(
      (
        await moderator.post(`/moderate/actions/${action.id}`, {
          csrf,
          intent: "status",
          status: "done",
          impact: "PLANTED-LONE-IMPACT",
          version: String(action.version),
        })
      ).status,
    ).toBe(303);

    const after = await outputs();
    expect(after.join("\n")).not.toContain("PLANTED-LONE");
    expect(after).toEqual(before);

    // A second person approves the statement's change: only now is it public, marked as corrected.
    const admin = new Browser("203.0.113.11");
    await admin.signIn("admin@example.org", "demo admin password");
    const [revision] = server.query<{ id: number }>("select id from revisions where entity = 'statement' and entity_id = ? and decision is null", statement.id);
    csrf = await admin.csrf(`/moderate/statements/${statement.id}`);
    expect((await admin.post(`/moderate/statements/${statement.id}`, { csrf, intent: "revision-approve", revision: String(revision.id) })).status).toBe(303);
    const approved = await (await fetch(`${server.url}/you-said-we-did?period=${statement.period}`)).text();
    expect(approved).toContain("PLANTED-LONE-EDIT");
    expect(approved).toContain("PLANTED-LONE-NOTE");
  });
});

describe("3. nobody can lock a member of staff out", () => {
  it("lets the lead sign in with the right password while someone guesses from several addresses", async () => {
    for (let i = 0; i < 100; i++) {
      const response = await new Browser(`192.0.2.${i % 5}`).post("/sign-in", { email: "lead@example.org", password: `guess number ${i}` });
      expect([400, 429]).toContain(response.status);
    }
    const lead = new Browser("198.51.100.77");
    expect((await lead.post("/sign-in", { email: "lead@example.org", password: "demo safeguarding password" })).status).toBe(303);
    // The audit log holds one row for all those failures, not a hundred.
    const rows = server.query<{ n: number }>("select count(*) as n from audit_log where action = 'sign_in.failures' and after like '%lead@example.org%'");
    expect(rows[0].n).toBe(1);
  });
});

describe("4. behind a proxy, limits follow the real client", () => {
  it("counts a guesser who writes a new X-Forwarded-For each time", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      // The client writes the left part; the proxy adds the address it saw on the right.
      const guesser = new Browser(`10.${i}.0.1, 198.51.100.99`);
      statuses.push((await guesser.post("/resume", { code: "2222-3333-4444" })).status);
    }
    expect(statuses.slice(0, 10).every((status) => status === 400)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });
});

describe("5. no open redirect after sign-in", () => {
  it("keeps a signed-in member of staff on the portal whatever redirectTo says", async () => {
    for (const target of [
      "/\t/evil.example",
      "/%09/evil.example",
      "//evil.example",
      "/\\evil.example",
      "https://evil.example",
      "/\n/evil.example",
      "/\u0001/evil.example",
    ]) {
      const person = new Browser();
      const response = await person.post(`/sign-in?redirectTo=${encodeURIComponent(target)}`, {
        email: "moderator@example.org",
        password: "demo moderator password",
        redirectTo: target,
      });
      expect(response.status, JSON.stringify(target)).toBe(303);
      const location = new URL(response.headers.get("Location") ?? "", server.url);
      expect(location.origin, JSON.stringify(target)).toBe(new URL(server.url).origin);
      const page = await person.fetch(`/sign-in?redirectTo=${encodeURIComponent(target)}`);
      expect(page.status).toBeLessThan(500);
      expect(new URL(page.headers.get("Location") ?? "/", server.url).origin).toBe(new URL(server.url).origin);
    }
  });
});

describe("6. request bodies have limits", () => {
  it("answers a 50 MB password with 413 at once, without reading it, and stays responsive meanwhile", async () => {
    const started = Date.now();
    const huge = await rawRequest("POST /sign-in HTTP/1.1", 50 * 1024 * 1024, "email=a%40b.c&password=");
    expect(huge).toMatch(/^HTTP\/1\.1 413/);
    expect(huge).toContain("too much to send");
    expect(Date.now() - started).toBeLessThan(5_000);
    const echo = await rawRequest("POST /my-feedback HTTP/1.1", 50 * 1024 * 1024, "reference=AAAA");
    expect(echo).toMatch(/^HTTP\/1\.1 413/);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it("stays responsive while 50 clients send bodies one byte at a time", async () => {
    const port = Number(new URL(server.url).port);
    const sockets: net.Socket[] = [];
    for (let i = 0; i < 50; i++) {
      const socket = net.connect(port, "127.0.0.1");
      socket.on("error", () => {});
      socket.write("POST /sign-in HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\nemail=");
      sockets.push(socket);
    }
    const drip = setInterval(() => sockets.forEach((socket) => socket.write("a")), 200);
    try {
      for (let i = 0; i < 5; i++) {
        const started = Date.now();
        const health = await fetch(`${server.url}/healthz`);
        expect(health.status).toBe(200);
        expect(Date.now() - started).toBeLessThan(1_000);
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
    } finally {
      clearInterval(drip);
      sockets.forEach((socket) => socket.destroy());
    }
  });
});

describe("7. one cache rule for every route and role", () => {
  it("never lets a shared cache keep a page with a session, a token, answers or a cookie", async () => {
    const [statement] = server.query<{ slug: string }>(
      "select t.slug from themes t join statements s on s.theme_id = t.id join publications p on p.entity = 'statement' and p.entity_id = s.id where p.published_at is not null limit 1",
    );
    const [action] = server.query<{ id: number }>("select entity_id as id from publications where entity = 'action' and published_at is not null limit 1");
    const [response] = server.query<{ id: number }>("select id from responses where flagged = 0 limit 1");
    const [concern] = server.query<{ id: number }>("select id from safeguarding_concerns limit 1");
    expect(concern).toBeDefined();
    const publicUrls = [
      "/you-said-we-did",
      `/you-said-we-did/themes/${statement.slug}`,
      `/you-said-we-did/actions/${action.id}`,
      "/you-said-we-did/report",
      "/you-said-we-did.json",
      "/you-said-we-did.csv",
      "/you-said-we-did.atom",
    ];
    const personalUrls = ["/", "/surveys", `/surveys/${SURVEY}`, "/resume", "/my-feedback", "/sign-in", "/privacy", "/accessibility"];
    const staffUrls = [
      "/moderate",
      `/moderate/responses/${response.id}`,
      "/moderate/quotes",
      "/moderate/statements",
      "/moderate/actions",
      "/moderate/safeguarding",
      `/moderate/safeguarding/${concern.id}`,
      "/admin",
      "/admin/users",
      "/admin/themes",
      "/admin/settings",
      "/admin/audit",
      "/admin/periods",
      "/admin/safeguarding-phrases",
    ];
    const people = { anonymous: new Browser(), moderator: new Browser(), lead: new Browser(), admin: new Browser() };
    await people.moderator.signIn("moderator@example.org", "demo moderator password");
    await people.lead.signIn("lead@example.org", "demo safeguarding password");
    await people.admin.signIn("admin@example.org", "demo admin password");
    const problems: string[] = [];
    for (const [role, person] of Object.entries(people)) {
      for (const url of [...publicUrls, ...personalUrls, ...staffUrls]) {
        for (const variant of [url, `${url}${url.includes("?") ? "&" : "?"}lng=pl`]) {
          const document = await person.fetch(variant);
          const cache = document.headers.get("Cache-Control") ?? "";
          // Open data files are the same for everyone who asks for that language; pages that set the language cookie are not.
          const shareable = role === "anonymous" && publicUrls.includes(url) && (variant === url || url.includes(".")) && document.status === 200;
          if (shareable ? !cache.startsWith("public") : cache !== "private, no-store") problems.push(`${role} ${variant} ${document.status}: ${cache}`);
          if (url.includes(".")) continue;
          // The data reply for the same page gets the same rule.
          const routeId = new URL(document.url || server.url + variant).pathname;
          const data = await person.fetch(`${variant}${variant.includes("?") ? "&" : "?"}_data=root`);
          const dataCache = data.headers.get("Cache-Control") ?? "";
          if (role !== "anonymous" && dataCache !== "private, no-store") problems.push(`${role} ${routeId} ?_data: ${dataCache}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});

describe("8. no sign-in from another site", () => {
  it("refuses a cross-site form posting to sign-in, also as a data request, with a 403 page", async () => {
    for (const url of ["/sign-in", "/sign-in?_data=routes%2Fsign-in"]) {
      const victim = new Browser();
      const response = await victim.post(url, { email: "moderator@example.org", password: "demo moderator password" }, { Origin: "https://evil.example" });
      expect(response.status, url).toBe(403);
      expect(victim.cookies.has("staff_session")).toBe(false);
    }
    const fetched = await new Browser().post(
      "/sign-in",
      { email: "moderator@example.org", password: "demo moderator password" },
      { "Sec-Fetch-Site": "cross-site" },
    );
    expect(fetched.status).toBe(403);
    expect(await fetched.text()).toContain("Sent from another website");
  });
});

describe("9. absolute links come from the configured address", () => {
  it("ignores a forged Host header in open data", async () => {
    for (const file of ["/you-said-we-did.json", "/you-said-we-did.atom"]) {
      const body = await new Promise<string>((resolve, reject) => {
        const request = http.request(`${server.url}${file}`, { headers: { Host: "evil.example" } }, (response) => {
          let text = "";
          response.on("data", (chunk: Buffer) => (text += chunk.toString()));
          response.on("end", () => resolve(text));
        });
        request.on("error", reject);
        request.end();
      });
      expect(body, file).not.toContain("evil.example");
      expect(body, file).toContain(server.url);
    }
  });
});

describe("10. the smaller findings", () => {
  it("honours a resume code only at its one address, and never logs one", async () => {
    for (const url of ["/RESUME/K7MP-2QXR-9FHT", "/%72esume/K7MP-2QXR-9FHT", "//resume/K7MP-2QXR-9FHT"]) {
      expect((await new Browser().post(url, {})).status, url).toBe(404);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(server.output()).not.toContain("K7MP");
  });

  it("gives 4xx, never 500, for odd methods, bodies and encodings", async () => {
    const cases: [string, RequestInit][] = [
      ["/sign-in", { method: "PUT" }],
      ["/sign-in", { method: "DELETE" }],
      ["/sign-in", { method: "PATCH" }],
      ["/privacy", { method: "POST", body: "a=1", headers: { "Content-Type": "application/x-www-form-urlencoded" } }],
      ["/sign-in", { method: "POST", body: "email=a", headers: { "Content-Type": "text/plain" } }],
      ["/sign-in", { method: "POST", body: '{"email":"a"}', headers: { "Content-Type": "application/json" } }],
      ["/sign-in", { method: "POST", body: "--x\r\ngarbage", headers: { "Content-Type": "multipart/form-data; boundary=x" } }],
      ["/sign-in", { method: "POST", body: "%%%zz=%", headers: { "Content-Type": "application/x-www-form-urlencoded" } }],
      ["/%%%zz", { method: "GET" }],
      [
        `/surveys/${SURVEY}/consent`,
        { method: "POST", body: "quote=yes", headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "https://evil.example" } },
      ],
    ];
    for (const [url, init] of cases) {
      const response = await new Browser().fetch(url, init);
      expect(response.status, `${init.method} ${url}`).toBeGreaterThanOrEqual(400);
      expect(response.status, `${init.method} ${url}`).toBeLessThan(500);
      const page = await response.text();
      expect(page, `${init.method} ${url}`).not.toMatch(/at [\w.]+ \(|node_modules|\/work\//);
      // Every refusal is a whole page: one title that says what happened, as well as the service's name.
      expect(page.match(/<title>([^<]*)<\/title>/g), `${init.method} ${url}`).toHaveLength(1);
      expect(/<title>([^<]*)<\/title>/.exec(page)?.[1], `${init.method} ${url}`).toMatch(/^\S.* – You said, we did$/);
    }
    // A control character in redirectTo is simply ignored.
    expect((await new Browser().fetch(`/sign-in?redirectTo=${encodeURIComponent("/\u0000x")}`)).status).toBe(200);
    // TRACE is refused too (fetch cannot send it).
    const trace = await new Promise<number>((resolve, reject) => {
      const request = http.request(`${server.url}/sign-in`, { method: "TRACE" }, (response) => resolve(response.statusCode ?? 0));
      request.on("error", reject);
      request.end();
    });
    expect(trace).toBe(405);
  });

  it("sends Retry-After with 429, a Permissions-Policy, and a Secure language cookie", async () => {
    const page = await new Browser().fetch("/?lng=pl");
    expect(page.headers.get("Permissions-Policy")).toContain("camera=()");
    expect(page.headers.getSetCookie().find((cookie) => cookie.startsWith("lng="))).toMatch(/; Secure/i);
    let limited: Response | undefined;
    for (let i = 0; i < 12 && !limited; i++) {
      const response = await new Browser("198.51.100.150").post("/my-feedback", { reference: "2222-3333-4444" });
      if (response.status === 429) limited = response;
    }
    expect(Number(limited?.headers.get("Retry-After"))).toBeGreaterThan(0);
  });
});

describe("11. limits that let crowds in", () => {
  it("accepts 300 people sending a survey from one address, and still stops a flood", async () => {
    const school = "198.51.100.200";
    const acknowledged: number[] = [];
    for (let i = 0; i < 300; i++) {
      const pupil = new Browser(school);
      await answerYouthSurvey(pupil);
      const sent = await pupil.post(`/surveys/${SURVEY}/consent`, { quote: "no", website: "" });
      acknowledged.push(sent.status === 303 && sent.headers.get("Location") === `/surveys/${SURVEY}/confirmation` ? 1 : 0);
    }
    expect(acknowledged.reduce((a, b) => a + b, 0)).toBe(300);

    // A script posting submissions without a draft gets nothing acknowledged.
    const script = new Browser(school);
    const bare = await script.post(`/surveys/${SURVEY}/consent`, { quote: "no", website: "" });
    expect(bare.headers.get("Location")).not.toBe(`/surveys/${SURVEY}/confirmation`);

    // Past the hourly allowance (350 here), sending is refused with Retry-After, and the choice is kept.
    let refused: Response | undefined;
    for (let i = 0; i < 60 && !refused; i++) {
      const bot = new Browser(school);
      await answerYouthSurvey(bot);
      const sent = await bot.post(`/surveys/${SURVEY}/consent`, { quote: "no", website: "" });
      if (sent.status === 429) refused = sent;
    }
    expect(refused?.status).toBe(429);
    expect(Number(refused?.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(await refused?.text()).toContain("Nothing you have answered so far is lost");
  }, 300_000);
});

// The list of findings and tests in docs/security.md names this file.
it("is the file docs/security.md points to", () => {
  expect(fs.readFileSync(path.join(repoRoot, "docs/security.md"), "utf8")).toContain("tests/server/security.test.ts");
});
