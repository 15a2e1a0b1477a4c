import { PostgresAdapter, sql, type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely, type RawBuilder } from "kysely";

/**
 * The few places where SQLite and PostgreSQL need different DDL, named once so that no migration
 * branches on the engine itself (docs/decisions/026-postgresql.md). Frozen in time like the
 * migrations that use it: change a helper only in a way that leaves every past migration's result
 * the same on both engines.
 */

const onPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

/** A surrogate key: `integer primary key autoincrement` on SQLite, an identity column on PostgreSQL. */
export function id(db: Kysely<any>) {
  return (column: ColumnDefinitionBuilder) => (onPostgres(db) ? column.primaryKey().generatedByDefaultAsIdentity() : column.primaryKey().autoIncrement());
}

/** The moment a row is written, as ISO 8601 text in UTC with milliseconds (`2026-12-05T09:44:55.123Z`), on both engines. */
export function now(db: Kysely<any>): RawBuilder<string> {
  return onPostgres(db) ? sql`(to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))` : sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;
}

/**
 * A table read by ranges of its primary key. SQLite keeps it in key order (WITHOUT ROWID), so a
 * year of days is one sequential read rather than a lookup per row. PostgreSQL has no such option:
 * the primary key's index serves the ranges, and the table stays ordinary.
 */
export function inKeyOrder<T extends string, C extends string>(db: Kysely<any>, table: CreateTableBuilder<T, C>) {
  return onPostgres(db) ? table : table.modifyEnd(sql`without rowid`);
}

/**
 * Makes `audit_log` refuse every update, and every delete of an entry newer than `keepFor`
 * (`"forever"`, or `"1 year"` once the retention purge may remove old entries). SQLite has
 * triggers with `raise(abort)`; PostgreSQL a trigger function that raises an exception.
 */
export async function appendOnlyAuditLog(db: Kysely<any>, keepFor: "forever" | "1 year"): Promise<void> {
  const forever = "the audit log is append-only";
  const aYear = "the audit log is append-only: an entry is kept for at least a year";
  if (onPostgres(db)) {
    await sql`create or replace function audit_log_append_only() returns trigger language plpgsql as $$
      begin
        if tg_op = 'UPDATE' then raise exception '${sql.raw(forever)}'; end if;
        if tg_argv[0] = 'forever' then raise exception '${sql.raw(forever)}'; end if;
        if old.at > to_char((now() - interval '1 year') at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') then
          raise exception '${sql.raw(aYear)}';
        end if;
        return old;
      end $$`.execute(db);
    await sql`drop trigger if exists audit_log_no_update on audit_log`.execute(db);
    await sql`drop trigger if exists audit_log_no_delete on audit_log`.execute(db);
    await sql`create trigger audit_log_no_update before update on audit_log for each row execute function audit_log_append_only()`.execute(db);
    await sql`create trigger audit_log_no_delete before delete on audit_log for each row execute function audit_log_append_only(${sql.lit(keepFor)})`.execute(
      db,
    );
    return;
  }
  await sql`drop trigger if exists audit_log_no_update`.execute(db);
  await sql`drop trigger if exists audit_log_no_delete`.execute(db);
  await sql`create trigger audit_log_no_update before update on audit_log
    begin select raise(abort, ${sql.lit(forever)}); end`.execute(db);
  if (keepFor === "forever") {
    await sql`create trigger audit_log_no_delete before delete on audit_log
      begin select raise(abort, ${sql.lit(forever)}); end`.execute(db);
  } else {
    await sql`create trigger audit_log_no_delete before delete on audit_log
      when old.at > strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-1 year')
      begin select raise(abort, ${sql.lit(aYear)}); end`.execute(db);
  }
}

/** Removes the audit log's triggers (a migration's `down`). */
export async function dropAuditLogTriggers(db: Kysely<any>): Promise<void> {
  const on = onPostgres(db) ? sql` on audit_log` : sql``;
  await sql`drop trigger if exists audit_log_no_delete${on}`.execute(db);
  await sql`drop trigger if exists audit_log_no_update${on}`.execute(db);
}

/**
 * Replaces the check constraint on one column. PostgreSQL drops the constraint by the name it gave
 * it (`<table>_<column>_check`) and adds the new one. SQLite cannot change a constraint: `rebuild`
 * makes the table anew the way SQLite documents (https://sqlite.org/lang_altertable.html, "other
 * kinds of table schema changes"), with foreign keys off so that dropping the old table cascades
 * nowhere, and checked afterwards.
 */
export async function replaceColumnCheck(
  db: Kysely<any>,
  change: { table: string; column: string; check: RawBuilder<unknown>; rebuild: (trx: Kysely<any>) => Promise<void> },
): Promise<void> {
  if (onPostgres(db)) {
    const name = `${change.table}_${change.column}_check`;
    await sql`alter table ${sql.table(change.table)} drop constraint ${sql.id(name)}`.execute(db);
    await sql`alter table ${sql.table(change.table)} add constraint ${sql.id(name)} check (${change.check})`.execute(db);
    return;
  }
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await db.transaction().execute(async (trx) => {
      await change.rebuild(trx);
      const broken = await sql`pragma foreign_key_check`.execute(trx);
      if (broken.rows.length > 0) throw new Error(`rebuilding ${change.table} broke ${broken.rows.length} foreign keys`);
    });
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}

/** Raw bytes: `blob` on SQLite, `bytea` on PostgreSQL. Kysely passes a Node Buffer to both drivers. */
export function bytes(db: Kysely<any>): RawBuilder<unknown> {
  return onPostgres(db) ? sql`bytea` : sql`blob`;
}
