import { Readable } from "node:stream";
import { parse } from "csv-parse";
import type { PopulationDimension } from "../../db/schema";
import { ageKey, isTotal, populationKey } from "./population-groups";

/**
 * Reads a CSV file in the layout of the Department for Education's "Special educational needs in
 * England" data sets (docs/population.md), row by row, keeping only what the portal compares: for
 * every local authority and year in the file, the count of pupils with an EHC plan or SEN support in
 * each group of each breakdown. Any malformed row refuses the whole file, named by its line number.
 */

/** A problem with the file: a message key under population:problems, the line it is on, and its words. */
export interface FileProblem {
  code:
    | "empty"
    | "missingColumns"
    | "unreadable"
    | "fieldCount"
    | "badTimePeriod"
    | "missingLevel"
    | "missingLa"
    | "badCount"
    | "duplicate"
    | "noLocalAuthority"
    | "nothingUsable";
  line?: number;
  params?: Record<string, string | number>;
}

export interface AreaPopulation {
  laName: string;
  laCode: string | null;
  /** As the file writes it: "202526". */
  timePeriod: string;
  groups: { dimension: PopulationDimension; key: string; count: number | null }[];
}

export type PopulationFile = { status: "read"; rows: number; areas: AreaPopulation[] } | { status: "refused"; problems: FileProblem[]; more: number };

/** The most problems a refusal lists; the rest are counted. */
const MAX_PROBLEMS = 20;

const REQUIRED = ["time_period", "geographic_level", "la_name", "sen_provision"] as const;
/** Breakdown columns, each holding one group per row or "Total". */
const BREAKDOWNS = { ethnicity_major: "ethnicity", first_language: "first_language", sex: "sex", age: "age" } as const;
type Breakdown = keyof typeof BREAKDOWNS;
const PLACE_AND_TIME = new Set([
  "time_period",
  "time_identifier",
  "geographic_level",
  "country_code",
  "country_name",
  "region_code",
  "region_name",
  "old_la_code",
  "new_la_code",
  "la_name",
  "pcon_code",
  "pcon_name",
  "lad_code",
  "lad_name",
]);
const KNOWN_FILTERS = new Set<string>(["phase_type_grouping", "sen_provision", "sen_primary_need", "ethnicity_minor", ...Object.keys(BREAKDOWNS)]);
/** Counts by single year of age as columns (age_3 … age_18), as the age files have them. */
const WIDE_AGE = /^age_(2_and_under|\d{1,2}|19_and_over)$/;
/** Indicator columns the portal does not read: percentages, counts by sex and age together. */
const IGNORED_INDICATOR = /(_percent$|^(female|male|boys|girls)_age_)/;
/**
 * The symbols DfE files put where a count is not published: c confidential, low too small to show,
 * x not available, u low reliability. "z" (and the older ":") is "not applicable": nobody, so 0.
 */
const NOT_PUBLISHED = new Set(["c", "low", "x", "u", "~", ".."]);
const NOT_APPLICABLE = new Set(["z", ":"]);

const isCount = (name: string) => name === "pupil_count" || WIDE_AGE.test(name);

/** What the header says about every row: where each column is, and which kind it is. */
interface Layout {
  columns: Map<string, number>;
  /** The columns that hold counts: pupil_count, or one per age. */
  counts: string[];
  hasCount: boolean;
  wideAges: boolean;
  /** Every filter column, so that two rows for the same groups can be caught. */
  filters: string[];
  /** Filters the portal does not know (free school meals, secondary need): a row is read only at their total. */
  otherFilters: string[];
}

function readHeader(header: string[]): { layout: Layout } | { problem: FileProblem } {
  const names = header.map((name) => name.trim().toLowerCase());
  const columns = new Map(names.map((name, index) => [name, index]));
  const missing: string[] = REQUIRED.filter((name) => !columns.has(name));
  const wideAges = names.some((name) => WIDE_AGE.test(name));
  const hasCount = columns.has("pupil_count");
  if (!hasCount && !wideAges) missing.push("pupil_count");
  if (missing.length) return { problem: { code: "missingColumns", params: { columns: missing.join(", ") } } };
  const filters = names.filter((name) => !PLACE_AND_TIME.has(name) && !isCount(name) && !IGNORED_INDICATOR.test(name));
  return { layout: { columns, counts: names.filter(isCount), hasCount, wideAges, filters, otherFilters: filters.filter((name) => !KNOWN_FILTERS.has(name)) } };
}

/** A count as a number, null when not published, or undefined when it is not a count at all. */
function readCount(value: string): number | null | undefined {
  if (/^\d+$/.test(value)) return Number(value);
  if (NOT_APPLICABLE.has(value.toLowerCase())) return 0;
  return NOT_PUBLISHED.has(value.toLowerCase()) ? null : undefined;
}

/** One data row, its columns looked up by name. */
class Row {
  constructor(
    private readonly columns: Map<string, number>,
    private readonly fields: string[],
  ) {}

  get(name: string): string | undefined {
    const index = this.columns.get(name);
    return index === undefined ? undefined : (this.fields[index] ?? "").trim();
  }
}

interface Area {
  laName: string;
  laCode: string | null;
  timePeriod: string;
  groups: Map<string, number | null>;
  /** Ethnicity by major group: the "All …" rows, and the minor groups summed for a major without one. */
  ethnicityWhole: Map<string, number | null>;
  ethnicityMinors: Map<string, number | null>;
}

/** Adds a count to a group; a group with any unpublished part is unpublished. */
function add(groups: Map<string, number | null>, key: string, count: number | null) {
  const before = groups.get(key);
  groups.set(key, before === undefined ? count : before === null || count === null ? null : before + count);
}

export async function readPopulationFile(source: Readable | string): Promise<PopulationFile> {
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true });
  (typeof source === "string" ? Readable.from([source]) : source).pipe(parser);
  const problems: FileProblem[] = [];
  let more = 0;
  const problem = (found: FileProblem) => (problems.length < MAX_PROBLEMS ? problems.push(found) : more++);

  let header: string[] | undefined;
  let layout: Layout | undefined;
  const areas = new Map<string, Area>();
  const seen = new Map<string, number>();
  let rows = 0;
  let localRows = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (!header) {
        header = record;
        const read = readHeader(record);
        if ("problem" in read) problem(read.problem);
        else layout = read.layout;
        continue;
      }
      // A file with the wrong columns is still read to its end, unused, so the upload is never left half-read.
      if (!layout) continue;
      rows++;
      const line = info.lines;
      if (record.length !== header.length) {
        problem({ code: "fieldCount", line, params: { found: record.length, expected: header.length } });
        continue;
      }
      const row = new Row(layout.columns, record);
      const counts = checkRow(row, layout, line, problem);
      if (counts === "elsewhere") continue;
      localRows++;
      const contribution = counts && contributionOf(row, layout);
      if (!counts || !contribution) continue;
      const identity = [row.get("la_name"), row.get("time_period"), ...layout.filters.map((name) => row.get(name))].join("\u0001");
      const first = seen.get(identity);
      if (first !== undefined) {
        problem({ code: "duplicate", line, params: { first } });
        continue;
      }
      seen.set(identity, line);
      apply(areaFor(areas, row), contribution, counts);
    }
  } catch (error) {
    const failure = error as { code?: string; lines?: number };
    if (!failure.code?.startsWith("CSV_")) throw error;
    problem({ code: "unreadable", line: failure.lines });
  }
  if (!header && problems.length === 0) return { status: "refused", problems: [{ code: "empty" }], more: 0 };
  if (problems.length === 0 && localRows === 0) problem({ code: "noLocalAuthority" });
  const found = [...areas.values()].map(finishArea).filter((area) => area.groups.length > 0);
  if (problems.length === 0 && found.length === 0) problem({ code: "nothingUsable" });
  if (problems.length) return { status: "refused", problems, more };
  return { status: "read", rows, areas: found };
}

/**
 * Checks what every row must have. Returns "elsewhere" for a row about another place (national,
 * regional), the counts of a good local authority row, or null for a local authority row with a problem.
 */
function checkRow(row: Row, layout: Layout, line: number, problem: (found: FileProblem) => void): Map<string, number | null> | "elsewhere" | null {
  let ok = true;
  const timePeriod = row.get("time_period") ?? "";
  if (!/^\d{4}(\d{2})?$/.test(timePeriod)) {
    problem({ code: "badTimePeriod", line, params: { value: timePeriod } });
    ok = false;
  }
  const counts = new Map<string, number | null>();
  for (const name of layout.counts) {
    const value = row.get(name) ?? "";
    const count = readCount(value);
    if (count === undefined) {
      problem({ code: "badCount", line, params: { column: name, value } });
      ok = false;
    } else counts.set(name, count);
  }
  // A file with only columns by age (no pupil_count) counts the row's pupils as their sum.
  if (!layout.hasCount && ok)
    counts.set(
      "pupil_count",
      [...counts.values()].reduce<number | null>((sum, count) => (sum === null || count === null ? null : sum + count), 0),
    );
  const level = row.get("geographic_level") ?? "";
  if (!level) {
    problem({ code: "missingLevel", line });
    return null;
  }
  if (!/^local authority$/i.test(level)) return "elsewhere";
  if (!row.get("la_name")) {
    problem({ code: "missingLa", line });
    return null;
  }
  return ok ? counts : null;
}

/** What a row adds: one group of one breakdown, a major ethnic group, or the ages in its age columns. */
type Contribution =
  { kind: "group"; dimension: PopulationDimension; key: string } | { kind: "ethnicity"; key: string; whole: boolean } | { kind: "ages"; provision: string };

const grouped = (dimension: PopulationDimension, key: string | null): Contribution | null => (key ? { kind: "group", dimension, key } : null);

/**
 * A row counts when it is for pupils with an EHC plan or SEN support (each is its own row, and they
 * add up) and breaks down by at most one thing: the rest of its filters are at "Total".
 */
function contributionOf(row: Row, layout: Layout): Contribution | null {
  if (layout.otherFilters.some((name) => !isTotal(row.get(name)))) return null;
  const provision = populationKey("sen_provision", row.get("sen_provision") ?? "");
  if (!provision) return null;
  const phase = row.get("phase_type_grouping");
  const need = row.get("sen_primary_need");
  const broken = (Object.keys(BREAKDOWNS) as Breakdown[]).filter((name) => !isTotal(row.get(name)));
  if (broken.length === 0) {
    if (isTotal(phase) && isTotal(need)) {
      return layout.wideAges ? { kind: "ages", provision } : grouped("sen_provision", provision);
    }
    if (isTotal(phase)) return grouped("primary_need", populationKey("primary_need", need ?? ""));
    if (isTotal(need)) return grouped("phase", populationKey("phase", phase ?? ""));
    return null;
  }
  if (broken.length > 1 || !isTotal(phase) || !isTotal(need)) return null;
  const column = broken[0];
  const value = row.get(column) ?? "";
  if (column === "ethnicity_major") {
    const key = populationKey("ethnicity", value);
    const minor = row.get("ethnicity_minor");
    return key ? { kind: "ethnicity", key, whole: isTotal(minor) || /^all /i.test(minor ?? "") } : null;
  }
  if (column === "age") return grouped("age", ageKey(value));
  const dimension = BREAKDOWNS[column];
  return grouped(dimension, populationKey(dimension, value));
}

function areaFor(areas: Map<string, Area>, row: Row): Area {
  const laName = row.get("la_name")!;
  const timePeriod = row.get("time_period")!;
  const id = `${laName}\u0001${timePeriod}`;
  let area = areas.get(id);
  if (!area) {
    area = { laName, laCode: row.get("new_la_code") || null, timePeriod, groups: new Map(), ethnicityWhole: new Map(), ethnicityMinors: new Map() };
    areas.set(id, area);
  }
  return area;
}

function apply(area: Area, contribution: Contribution, counts: Map<string, number | null>) {
  const count = counts.get("pupil_count") ?? null;
  if (contribution.kind === "group") add(area.groups, `${contribution.dimension}|${contribution.key}`, count);
  else if (contribution.kind === "ethnicity") add(contribution.whole ? area.ethnicityWhole : area.ethnicityMinors, contribution.key, count);
  else {
    add(area.groups, `sen_provision|${contribution.provision}`, count);
    for (const [name, value] of counts) {
      const key = name === "pupil_count" ? null : ageKey(name);
      if (key) add(area.groups, `age|${key}`, value);
    }
  }
}

function finishArea(area: Area): AreaPopulation {
  for (const key of new Set([...area.ethnicityWhole.keys(), ...area.ethnicityMinors.keys()])) {
    area.groups.set(`ethnicity|${key}`, area.ethnicityWhole.has(key) ? area.ethnicityWhole.get(key)! : area.ethnicityMinors.get(key)!);
  }
  const groups = [...area.groups].map(([id, count]) => {
    const [dimension, key] = id.split("|") as [PopulationDimension, string];
    return { dimension, key, count };
  });
  return { laName: area.laName, laCode: area.laCode, timePeriod: area.timePeriod, groups };
}
