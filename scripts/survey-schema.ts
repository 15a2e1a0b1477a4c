/**
 * npm run survey:schema
 * Writes docs/survey.schema.json from the survey file format in app/surveys/definition.ts. Run it
 * after changing the format; a unit test fails while the committed file is out of date.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { surveyJsonSchemaText } from "../app/surveys/json-schema";

const file = path.resolve(import.meta.dirname, "../docs/survey.schema.json");
writeFileSync(file, surveyJsonSchemaText());
console.log(`wrote ${path.relative(process.cwd(), file)}`);
