// The safeguarding detector runs inside the submit's transaction, while SQLite's write lock is held:
// how long it takes for an answer is how long every other writer waits.
import fs from "node:fs";
import path from "node:path";
import { createDetector } from "../../app/safeguarding/detect";
import { shippedLists } from "../../app/safeguarding/phrases.server";

export interface DetectorFigures {
  patterns: number;
  lists: number;
  compileMs: number;
  p50Ms: number;
  p99Ms: number;
  longAnswerMs: number;
}

const round = (ms: number) => Math.round(ms * 100) / 100;

export function detectorFigures(): DetectorFigures {
  const lists = shippedLists;
  const compileStart = performance.now();
  const detector = createDetector(lists);
  const compileMs = performance.now() - compileStart;
  const corpusDir = path.join(import.meta.dirname, "../safeguarding/corpus");
  const texts = fs.readdirSync(corpusDir).flatMap((file) => {
    const corpus = JSON.parse(fs.readFileSync(path.join(corpusDir, file), "utf8")) as { disclosures: { text: string }[]; ordinary: { text: string }[] };
    return [...corpus.disclosures, ...corpus.ordinary].map((item) => item.text);
  });
  // The longest answer a survey takes (2,000 characters) as well as short ones.
  const long = texts.join(" ").slice(0, 2000);
  const timings: number[] = [];
  for (let round = 0; round < 20; round++) {
    for (const text of [...texts, long]) {
      const started = performance.now();
      detector.find(text);
      timings.push(performance.now() - started);
    }
  }
  timings.sort((a, b) => a - b);
  const at = (q: number) => timings[Math.floor(q * (timings.length - 1))];
  const longStart = performance.now();
  for (let i = 0; i < 20; i++) detector.find(long);
  const figures = {
    patterns: lists.reduce((sum, list) => sum + Object.values(list.phrases).reduce((n, group) => n + (group?.length ?? 0), 0), 0),
    lists: lists.length,
    compileMs: Math.round(compileMs),
    p50Ms: round(at(0.5)),
    p99Ms: round(at(0.99)),
    longAnswerMs: round((performance.now() - longStart) / 20),
  };
  console.log(`\nsafeguarding detector: ${figures.patterns} patterns in ${figures.lists} lists, compiled in ${figures.compileMs} ms`);
  console.log(`  per answer: p50 ${figures.p50Ms} ms, p99 ${figures.p99Ms} ms; a 2,000-character answer ${figures.longAnswerMs} ms`);
  return figures;
}
