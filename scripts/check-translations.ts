/**
 * npm run i18n:check [-- pl ur ...]
 * Checks every translation (or the languages named) against English and prints what to fix.
 * Options for translators working on a copy: --locales <dir> (default locales), --content <dir>
 * (default db/seed/translations, the starting themes) and --surveys <dir> (default db/seed/surveys,
 * the demo survey files, which hold every language themselves).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { checkContent, checkNamespace, checkSurveyLanguage, leftInEnglish } from "../app/i18n/check";
import { describeIssues, SurveyDefinition, type SurveyFile } from "../app/surveys/definition";
import { englishContent } from "../db/seed/themes";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    locales: { type: "string", default: "locales" },
    content: { type: "string", default: "db/seed/translations" },
    surveys: { type: "string", default: "db/seed/surveys" },
  },
});
const localesDir = values.locales!;
const contentDir = values.content!;
const read = (file: string) => JSON.parse(readFileSync(file, "utf8"));

const problems: string[] = [];
const surveys: Array<[string, SurveyFile]> = [];
for (const name of readdirSync(values.surveys!).filter((name) => name.endsWith(".survey.json"))) {
  const file = path.join(values.surveys!, name);
  const parsed = SurveyDefinition.safeParse(read(file));
  if (parsed.success) surveys.push([file, parsed.data]);
  else problems.push(...describeIssues(parsed.error.issues).map((problem) => `${file}: ${problem}`));
}

const languages = positionals.length ? positionals : readdirSync(localesDir).filter((name) => name !== "en");
const namespaces = readdirSync(path.join(localesDir, "en")).map((file) => file.replace(/\.json$/, ""));
for (const lang of languages) {
  for (const namespace of namespaces) {
    if (leftInEnglish[lang]?.includes(namespace)) continue;
    const file = path.join(localesDir, lang, `${namespace}.json`);
    if (!existsSync(file)) problems.push(`${lang}/${namespace}.json does not exist`);
    else problems.push(...checkNamespace(lang, namespace, read(path.join(localesDir, "en", `${namespace}.json`)), read(file)));
  }
  const content = path.join(contentDir, `${lang}.json`);
  if (!existsSync(content)) problems.push(`${content} does not exist`);
  else problems.push(...checkContent(lang, englishContent(), read(content)));
  for (const [file, survey] of surveys) problems.push(...checkSurveyLanguage(file, lang, survey));
}
for (const problem of problems) console.log(problem);
console.log(problems.length ? `\n${problems.length} problems in ${languages.join(", ")}` : `All good: ${languages.join(", ")}`);
process.exitCode = problems.length ? 1 : 0;
