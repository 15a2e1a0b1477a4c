// npm run bench:data -- --responses 1000000 [--out FILE]
// Builds the benchmark's dataset (tests/bench/dataset.ts), or says where the one already built is.
import { parseArgs } from "node:util";
import { ensureDataset } from "../tests/bench/dataset";

const { values } = parseArgs({ options: { responses: { type: "string", default: "1000000" }, out: { type: "string" } } });
const responses = Number(values.responses?.replaceAll(/[_,]/g, ""));
if (!Number.isInteger(responses) || responses < 1) {
  console.error(`--responses must be a whole number of responses, not "${values.responses}"`);
  process.exit(2);
}
const file = await ensureDataset({ responses, out: values.out });
console.log(file);
