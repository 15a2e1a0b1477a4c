import fs from "node:fs";
import path from "node:path";
import { getDb } from "~/db.server";
import { importSurvey } from "~/surveys/create.server";
import { parseSurveyText } from "~/surveys/survey-file.server";

/**
 * Broken survey files, each a small survey with one thing wrong, as an administrator might upload
 * them. Each file in tests/surveys/broken/ holds `expect` (the start of each problem the import
 * must name, place first) and either `survey` (the file's content) or `text` (a file that is not
 * even JSON). With `importedBefore`, the same file is imported once first and must be refused the
 * second time. Every file is refused with exactly the problems expected, and nothing is stored.
 */
interface BrokenFile {
  expect: string[];
  survey?: unknown;
  text?: string;
  importedBefore?: boolean;
}

const corpusDir = path.join(import.meta.dirname, "../surveys/broken");
const files = fs
  .readdirSync(corpusDir)
  .filter((name) => name.endsWith(".json"))
  .sort();

const db = () => getDb();
const storedSurveys = async () => (await db().selectFrom("surveys").select(db().fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n;

/** What an upload does with a file's text: read it, then import it. */
async function importText(text: string) {
  const read = parseSurveyText(text);
  return read.status === "refused" ? read : importSurvey(db(), read.data);
}

describe("broken survey files", () => {
  it("are at least fifteen, each naming what it expects", () => {
    expect(files.length).toBeGreaterThanOrEqual(15);
  });

  for (const name of files) {
    it(`refuses ${name}, naming the place of each problem and storing nothing`, async () => {
      const broken = JSON.parse(fs.readFileSync(path.join(corpusDir, name), "utf8")) as BrokenFile;
      const text = broken.text ?? JSON.stringify(broken.survey);
      if (broken.importedBefore) expect(await importText(text)).toMatchObject({ status: "imported" });

      const before = await storedSurveys();
      const result = await importText(text);
      expect(result.status).toBe("refused");
      const problems = result.status === "refused" ? result.problems : [];
      expect(problems, problems.join("\n")).toHaveLength(broken.expect.length);
      broken.expect.forEach((expected, index) => {
        expect(problems[index].startsWith(expected), `problem ${index}: "${problems[index]}" should start "${expected}"`).toBe(true);
      });
      expect(await storedSurveys()).toBe(before);
    });
  }
});

describe("the example in docs/surveys.md", () => {
  it("imports as it stands, as a draft at version 1", async () => {
    const docs = fs.readFileSync(path.join(import.meta.dirname, "../../docs/surveys.md"), "utf8");
    const example = /```json\n([\s\S]*?)\n```/.exec(docs)?.[1] ?? "";
    expect(await importText(example)).toMatchObject({ status: "imported", slug: "transport-2027" });
    expect(await db().selectFrom("surveys").select(["status", "version"]).where("slug", "=", "transport-2027").executeTakeFirst()).toEqual({
      status: "draft",
      version: 1,
    });
  });
});
