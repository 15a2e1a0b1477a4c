import type { Transaction } from "kysely";
import type { DB } from "../../db/connection";
import { populationDimensions, type Database, type PopulationDimension } from "../../db/schema";
import { audit } from "../accounts/audit.server";
import { listPeriods } from "../actions/periods.server";
import type { AreaPopulation } from "./population-file.server";

/**
 * A period's local population: stored in two steps. A file that reads well is kept whole (every local
 * authority and year in it) as an upload; the administrator then picks their local authority and
 * year, and its breakdowns become the period's population. Uploads nobody finished are dropped after a day.
 */

const UPLOAD_LIFETIME_MS = 24 * 60 * 60 * 1000;
/** Rows per insert: seven values each, well inside SQLite's and PostgreSQL's limits on parameters. */
const BATCH = 500;

export const isDimension = (value: unknown): value is PopulationDimension => populationDimensions.includes(value as PopulationDimension);

export async function storeUpload(
  db: DB,
  upload: { periodId: number; fileName: string; rows: number; areas: AreaPopulation[]; userId: number },
  now = new Date(),
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom("population_uploads")
      .where("uploaded_at", "<", new Date(now.getTime() - UPLOAD_LIFETIME_MS).toISOString())
      .execute();
    const { id } = await trx
      .insertInto("population_uploads")
      .values({ period_id: upload.periodId, file_name: upload.fileName, rows_read: upload.rows, uploaded_by: upload.userId, uploaded_at: now.toISOString() })
      .returning("id")
      .executeTakeFirstOrThrow();
    const groups = upload.areas.flatMap((area) =>
      area.groups.map((group) => ({
        upload_id: id,
        la_name: area.laName,
        la_code: area.laCode,
        time_period: area.timePeriod,
        dimension: group.dimension,
        group_key: group.key,
        pupil_count: group.count,
      })),
    );
    for (let start = 0; start < groups.length; start += BATCH) {
      await trx
        .insertInto("population_upload_groups")
        .values(groups.slice(start, start + BATCH))
        .execute();
    }
    return id;
  });
}

/** An upload waiting for its local authority: the places and years in it, and what each holds. */
export async function pendingUpload(db: DB, id: number, now = new Date()) {
  const upload = await db
    .selectFrom("population_uploads")
    .select(["id", "period_id", "file_name", "rows_read", "uploaded_at"])
    .where("id", "=", id)
    .where("uploaded_at", ">=", new Date(now.getTime() - UPLOAD_LIFETIME_MS).toISOString())
    .executeTakeFirst();
  if (!upload) return undefined;
  const held = await db
    .selectFrom("population_upload_groups")
    .select(["la_name", "time_period", "dimension"])
    .distinct()
    .where("upload_id", "=", id)
    .orderBy("la_name")
    .orderBy("time_period", "desc")
    .execute();
  const areas = new Map<string, Map<string, PopulationDimension[]>>();
  for (const row of held) {
    const years = areas.get(row.la_name) ?? new Map<string, PopulationDimension[]>();
    years.set(row.time_period, [...(years.get(row.time_period) ?? []), row.dimension]);
    areas.set(row.la_name, years);
  }
  return {
    ...upload,
    areas: [...areas].map(([laName, years]) => ({
      laName,
      years: [...years].map(([timePeriod, dimensions]) => ({ timePeriod, dimensions: ordered(dimensions) })),
    })),
  };
}

const ordered = (dimensions: PopulationDimension[]) => populationDimensions.filter((dimension) => dimensions.includes(dimension));

export class PopulationError extends Error {
  constructor(readonly reason: "notFound" | "notInFile") {
    super(reason);
  }
}

/**
 * Makes the chosen local authority and year of an upload the period's population. Breakdowns the
 * file holds replace the same breakdowns; the others stay, unless the local authority changes, when
 * everything is replaced. The upload is then dropped.
 */
export async function savePopulation(db: DB, choice: { uploadId: number; laName: string; timePeriod: string; userId: number }, now = new Date()) {
  return db.transaction().execute(async (trx) => {
    const upload = await trx.selectFrom("population_uploads").select(["id", "period_id", "file_name"]).where("id", "=", choice.uploadId).executeTakeFirst();
    if (!upload) throw new PopulationError("notFound");
    const groups = await trx
      .selectFrom("population_upload_groups")
      .select(["la_code", "dimension", "group_key", "pupil_count"])
      .where("upload_id", "=", upload.id)
      .where("la_name", "=", choice.laName)
      .where("time_period", "=", choice.timePeriod)
      .execute();
    if (groups.length === 0) throw new PopulationError("notInFile");
    const dimensions = ordered([...new Set(groups.map((group) => group.dimension))]);
    const before = await storedPopulation(trx, upload.period_id);
    const at = now.toISOString();
    let populationId: number;
    if (before && before.la_name === choice.laName) {
      populationId = before.id;
      await trx
        .updateTable("populations")
        .set({ la_code: groups[0].la_code, updated_by: choice.userId, updated_at: at })
        .where("id", "=", populationId)
        .execute();
      await trx.deleteFrom("population_groups").where("population_id", "=", populationId).where("dimension", "in", dimensions).execute();
      await trx.deleteFrom("population_dimensions").where("population_id", "=", populationId).where("dimension", "in", dimensions).execute();
    } else {
      if (before) await trx.deleteFrom("populations").where("id", "=", before.id).execute();
      ({ id: populationId } = await trx
        .insertInto("populations")
        .values({ period_id: upload.period_id, la_name: choice.laName, la_code: groups[0].la_code, updated_by: choice.userId, updated_at: at })
        .returning("id")
        .executeTakeFirstOrThrow());
    }
    await trx
      .insertInto("population_dimensions")
      .values(
        dimensions.map((dimension) => ({
          population_id: populationId,
          dimension,
          file_name: upload.file_name,
          time_period: choice.timePeriod,
          uploaded_by: choice.userId,
          uploaded_at: at,
        })),
      )
      .execute();
    const rows = groups.map((group) => ({
      population_id: populationId,
      dimension: group.dimension,
      group_key: group.group_key,
      pupil_count: group.pupil_count,
    }));
    for (let start = 0; start < rows.length; start += BATCH) {
      await trx
        .insertInto("population_groups")
        .values(rows.slice(start, start + BATCH))
        .execute();
    }
    await trx.deleteFrom("population_uploads").where("id", "=", upload.id).execute();
    await audit(
      trx,
      {
        userId: choice.userId,
        action: "population.saved",
        entity: "period",
        entityId: upload.period_id,
        before: before ? { laName: before.la_name, dimensions: before.dimensions } : null,
        after: { laName: choice.laName, timePeriod: choice.timePeriod, file: upload.file_name.slice(0, 200), dimensions },
      },
      now,
    );
    return { periodId: upload.period_id };
  });
}

async function storedPopulation(db: DB | Transaction<Database>, periodId: number) {
  const population = await db.selectFrom("populations").select(["id", "la_name"]).where("period_id", "=", periodId).executeTakeFirst();
  if (!population) return undefined;
  const dimensions = await db.selectFrom("population_dimensions").select("dimension").where("population_id", "=", population.id).execute();
  return { ...population, dimensions: ordered(dimensions.map((row) => row.dimension)) };
}

export async function discardUpload(db: DB, id: number) {
  await db.deleteFrom("population_uploads").where("id", "=", id).execute();
}

/** Deletes a period's population; false when it had none. */
export async function deletePopulation(db: DB, periodId: number, userId: number, now = new Date()): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const before = await storedPopulation(trx, periodId);
    if (!before) return false;
    await trx.deleteFrom("populations").where("id", "=", before.id).execute();
    await audit(
      trx,
      { userId, action: "population.deleted", entity: "period", entityId: periodId, before: { laName: before.la_name, dimensions: before.dimensions } },
      now,
    );
    return true;
  });
}

/** A period's population: where it is for, each breakdown with its file and year, and every group's count. */
export async function populationOf(db: DB, periodId: number) {
  const population = await db.selectFrom("populations").select(["id", "la_name", "la_code", "updated_at"]).where("period_id", "=", periodId).executeTakeFirst();
  if (!population) return undefined;
  const [dimensions, groups] = await Promise.all([
    db
      .selectFrom("population_dimensions as d")
      .leftJoin("users as u", "u.id", "d.uploaded_by")
      .select(["d.dimension", "d.file_name", "d.time_period", "d.uploaded_at", "u.name as uploaded_by"])
      .where("d.population_id", "=", population.id)
      .execute(),
    db.selectFrom("population_groups").select(["dimension", "group_key", "pupil_count"]).where("population_id", "=", population.id).execute(),
  ]);
  const order = (dimension: PopulationDimension) => populationDimensions.indexOf(dimension);
  return {
    laName: population.la_name,
    laCode: population.la_code,
    updatedAt: population.updated_at,
    dimensions: dimensions.sort((a, b) => order(a.dimension) - order(b.dimension)),
    groups: groups.map((group) => ({ dimension: group.dimension, key: group.group_key, count: group.pupil_count })),
  };
}

export type StoredPopulation = NonNullable<Awaited<ReturnType<typeof populationOf>>>;

/** Every period, newest first, with the population it holds, if any. */
export async function populationsByPeriod(db: DB, lang: string) {
  const [periods, populations, dimensions] = await Promise.all([
    listPeriods(db, lang),
    db.selectFrom("populations").select(["id", "period_id", "la_name", "updated_at"]).execute(),
    db.selectFrom("population_dimensions").select(["population_id", "dimension", "time_period"]).execute(),
  ]);
  return periods.map((period) => {
    const population = populations.find((row) => row.period_id === period.id);
    const held = population ? dimensions.filter((row) => row.population_id === population.id) : [];
    return {
      id: period.id,
      name: period.name,
      lang: period.lang,
      population: population
        ? {
            laName: population.la_name,
            updatedAt: population.updated_at,
            dimensions: ordered(held.map((row) => row.dimension)),
            years: [...new Set(held.map((row) => row.time_period))].sort(),
          }
        : null,
    };
  });
}
