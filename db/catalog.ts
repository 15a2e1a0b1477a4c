import { sql, type Kysely } from "kysely";
import { engineOf } from "./connection";

/**
 * What a database holds, read from the database itself (SQLite's sqlite_master and pragmas,
 * PostgreSQL's information schema and catalogs), for the work that must handle every table alike:
 * db:copy (db/copy.ts). Kysely's own tables are left out.
 */
export interface TableInfo {
  name: string;
  /** In the order the table declares them. */
  columns: string[];
  nullable: Set<string>;
  primaryKey: string[];
  references: ForeignKey[];
  /** The column whose values a sequence hands out (AUTOINCREMENT on SQLite, an identity on PostgreSQL), if any. */
  identity: string | null;
  /** Each column's type as PostgreSQL names it (`int4`, `text`): empty on SQLite, whose columns take any value. */
  types: Map<string, string>;
  /** Whether a column holds raw bytes (`blob` on SQLite, `bytea` on PostgreSQL): such rows can be megabytes each. */
  binary: boolean;
}

export interface ForeignKey {
  columns: string[];
  table: string;
}

const KYSELY_TABLES = new Set(["kysely_migration", "kysely_migration_lock"]);

/** Every table but Kysely's own, by name. */
export async function readCatalog(db: Kysely<any>): Promise<TableInfo[]> {
  const tables = engineOf(db) === "postgres" ? await postgresCatalog(db) : await sqliteCatalog(db);
  return tables.filter((table) => !KYSELY_TABLES.has(table.name)).sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** Every table's name, Kysely's own included: an empty list means an empty database. */
export async function tableNames(db: Kysely<any>): Promise<string[]> {
  if (engineOf(db) === "postgres") {
    const { rows } = await sql<{ name: string }>`
      select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db);
    return rows.map((row) => row.name);
  }
  const { rows } = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite\\_%' escape '\\'`.execute(db);
  return rows.map((row) => row.name);
}

async function sqliteCatalog(db: Kysely<any>): Promise<TableInfo[]> {
  const { rows: tables } = await sql<{ name: string; sql: string }>`
    select name, sql from sqlite_master where type = 'table' and name not like 'sqlite\\_%' escape '\\'`.execute(db);
  const catalog: TableInfo[] = [];
  for (const table of tables) {
    const { rows: columns } = await sql<{ name: string; type: string; notnull: number; pk: number }>`
      select name, type, "notnull", pk from pragma_table_info(${table.name}) order by cid`.execute(db);
    const { rows: keys } = await sql<{ id: number; table: string; from: string }>`
      select id, "table", "from" from pragma_foreign_key_list(${table.name}) order by id, seq`.execute(db);
    const primaryKey = columns
      .filter((column) => column.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((column) => column.name);
    const references = new Map<number, ForeignKey>();
    for (const key of keys) {
      const reference = references.get(key.id) ?? { columns: [], table: key.table };
      reference.columns.push(key.from);
      references.set(key.id, reference);
    }
    catalog.push({
      name: table.name,
      columns: columns.map((column) => column.name),
      // A primary key column of a rowid table may hold null in SQLite's eyes; nothing here ever stores one.
      nullable: new Set(columns.filter((column) => !column.notnull && column.pk === 0).map((column) => column.name)),
      primaryKey,
      references: [...references.values()],
      identity: /\bautoincrement\b/i.test(table.sql) && primaryKey.length === 1 ? primaryKey[0] : null,
      types: new Map(),
      binary: columns.some((column) => column.type.toLowerCase() === "blob"),
    });
  }
  return catalog;
}

async function postgresCatalog(db: Kysely<any>): Promise<TableInfo[]> {
  const { rows: columns } = await sql<{ table_name: string; column_name: string; is_nullable: string; udt_name: string; sequence: string | null }>`
    select c.table_name, c.column_name, c.is_nullable, c.udt_name,
      pg_get_serial_sequence(format('%I.%I', c.table_schema, c.table_name), c.column_name) as sequence
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
    where c.table_schema = current_schema()
    order by c.table_name, c.ordinal_position`.execute(db);
  const { rows: keys } = await sql<{ table_name: string; column_name: string }>`
    select kcu.table_name, kcu.column_name
    from information_schema.table_constraints tc
    join information_schema.key_column_usage kcu
      on kcu.constraint_schema = tc.constraint_schema and kcu.constraint_name = tc.constraint_name and kcu.table_name = tc.table_name
    where tc.table_schema = current_schema() and tc.constraint_type = 'PRIMARY KEY'
    order by kcu.table_name, kcu.ordinal_position`.execute(db);
  const { rows: references } = await sql<{ name: string; table_name: string; referenced: string; column_name: string }>`
    select con.conname as name, src.relname as table_name, dst.relname as referenced, a.attname as column_name
    from pg_constraint con
    join pg_class src on src.oid = con.conrelid
    join pg_class dst on dst.oid = con.confrelid
    join pg_namespace n on n.oid = src.relnamespace
    cross join lateral unnest(con.conkey) with ordinality as k(attnum, position)
    join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.attnum
    where con.contype = 'f' and n.nspname = current_schema()
    order by con.conname, k.position`.execute(db);

  const tables = new Map<string, TableInfo>();
  const tableOf = (name: string) => {
    const table: TableInfo = tables.get(name) ?? {
      name,
      columns: [],
      nullable: new Set(),
      primaryKey: [],
      references: [],
      identity: null,
      types: new Map(),
      binary: false,
    };
    tables.set(name, table);
    return table;
  };
  for (const column of columns) {
    const table = tableOf(column.table_name);
    table.columns.push(column.column_name);
    if (column.is_nullable === "YES") table.nullable.add(column.column_name);
    table.types.set(column.column_name, column.udt_name);
    if (column.udt_name === "bytea") table.binary = true;
    if (column.sequence) table.identity = column.column_name;
  }
  for (const key of keys) tableOf(key.table_name).primaryKey.push(key.column_name);
  const byName = new Map<string, ForeignKey>();
  for (const reference of references) {
    const key = `${reference.table_name}\u0000${reference.name}`;
    let foreignKey = byName.get(key);
    if (!foreignKey) {
      foreignKey = { columns: [], table: reference.referenced };
      byName.set(key, foreignKey);
      tableOf(reference.table_name).references.push(foreignKey);
    }
    foreignKey.columns.push(reference.column_name);
  }
  return [...tables.values()];
}

/**
 * The highest value the table's sequence has handed out, which may be above its largest id when
 * rows were deleted; undefined when it has handed out none.
 */
export async function sequenceHighWater(db: Kysely<any>, table: TableInfo): Promise<number | undefined> {
  if (!table.identity) return undefined;
  if (engineOf(db) === "postgres") {
    const { rows } = await sql<{ n: number | null }>`
      select pg_sequence_last_value(pg_get_serial_sequence(${quotedName(table.name)}, ${table.identity})::regclass) as n`.execute(db);
    return rows[0]?.n ?? undefined;
  }
  const { rows } = await sql<{ n: number }>`select seq as n from sqlite_sequence where name = ${table.name}`.execute(db);
  return rows[0]?.n ?? undefined;
}

/**
 * Sets the table's sequence so that the next id is above both its largest id and `highWater` (the
 * source's own mark): a copy never hands out an id again that the source once used. On SQLite,
 * inserting explicit ids has already raised sqlite_sequence to the largest; only the mark is left.
 */
export async function resetSequence(db: Kysely<any>, table: TableInfo, highWater: number | undefined): Promise<number | undefined> {
  const column = table.identity;
  if (!column) return undefined;
  const { rows } = await sql<{ n: number | null }>`select max(${sql.ref(column)}) as n from ${sql.table(table.name)}`.execute(db);
  const next = Math.max(rows[0]?.n ?? 0, highWater ?? 0);
  if (next < 1) return undefined;
  if (engineOf(db) === "postgres") {
    await sql`select setval(pg_get_serial_sequence(${quotedName(table.name)}, ${column}), ${next}, true)`.execute(db);
    return next;
  }
  // sqlite_sequence has no column types: a JavaScript number would be stored as a real.
  const seq = sql`cast(${next} as integer)`;
  const updated = await sql`update sqlite_sequence set seq = ${seq} where name = ${table.name}`.execute(db);
  if (!updated.numAffectedRows) await sql`insert into sqlite_sequence (name, seq) values (${table.name}, ${seq})`.execute(db);
  return next;
}

/** `pg_get_serial_sequence` reads its first argument as SQL would: a name in quotes keeps its exact spelling. */
const quotedName = (name: string) => `"${name.replaceAll('"', '""')}"`;
