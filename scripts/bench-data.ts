// npm run bench:data -- --responses 1000000 [--out FILE] [--postgres ADMIN_URL]
// Builds the benchmark's dataset (tests/bench/dataset.ts), or says where the one already built is.
// With --postgres, also copies it into that PostgreSQL server as the template database that
// `BENCH_POSTGRES_URL=ADMIN_URL npm run bench -- --db postgres` clones for each run.
import { parseArgs } from "node:util";
import { ensureTemplate } from "../tests/bench/databases";
import { ensureDataset } from "../tests/bench/dataset";

const { values } = parseArgs({ options: { responses: { type: "string", default: "1000000" }, out: { type: "string" }, postgres: { type: "string" } } });
const responses = Number(values.responses?.replaceAll(/[_,]/g, ""));
if (!Number.isInteger(responses) || responses < 1) {
  console.error(`--responses must be a whole number of responses, not "${values.responses}"`);
  process.exit(2);
}
if (values.postgres && values.out) {
  console.error("--out and --postgres do not go together: the PostgreSQL copy is made from the dataset in .bench/");
  process.exit(2);
}
const file = await ensureDataset({ responses, out: values.out });
console.log(file);
if (values.postgres) console.log(`template database: ${await ensureTemplate(values.postgres, responses)}`);
