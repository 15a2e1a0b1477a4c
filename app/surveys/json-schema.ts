import { z } from "zod";
import { SurveyDefinition } from "./definition";

/**
 * The survey file format as a JSON Schema, for editors that check a file as it is typed and for
 * anyone writing a tool that makes survey files. It is made from `SurveyDefinition`, so it never
 * drifts from what an import accepts; `npm run survey:schema` writes it to docs/survey.schema.json.
 * It describes the input side: fields with a default may be left out. The rules that look across
 * fields (unique keys, conditions on earlier questions, dates in order) are not in JSON Schema's
 * reach: an import still checks them and names the place of each problem.
 */
export function surveyJsonSchema(): Record<string, unknown> {
  const { $schema, ...schema } = z.toJSONSchema(SurveyDefinition, {
    io: "input",
    // Every text is per language, and the localised records' "English is required" is a zod
    // refinement JSON Schema cannot see: say it in JSON Schema's own words instead.
    override: ({ zodSchema, jsonSchema }) => {
      if (zodSchema._zod.def.type === "record") jsonSchema.required = ["en"];
    },
  });
  return {
    $schema,
    $id: "urn:you-said-we-did:survey-file",
    title: 'A "You said, we did" survey file',
    description:
      "One survey with its questions and every language it is written in, as exported from /admin/surveys/:slug/export " +
      "and imported at /admin/surveys/import. See docs/surveys.md.",
    ...schema,
  };
}

/** The text of docs/survey.schema.json: pretty, with a trailing newline. */
export function surveyJsonSchemaText(): string {
  return `${JSON.stringify(surveyJsonSchema(), null, 2)}\n`;
}
