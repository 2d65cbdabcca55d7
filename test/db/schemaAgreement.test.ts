// Fails when prisma/schema.prisma and prisma/migrations disagree: the migrations are applied to a
// fresh database and its catalog is compared with Prisma's own reading of the schema (the DMMF).
//
// The DMMF comes from the prisma CLI's schema WASM (node_modules/prisma/build/
// prisma_schema_build_bg.wasm), the same code `prisma generate` uses; @prisma/internals is not a
// dependency and the generated client's runtime data model lacks nullability, native types and
// indexes. The glue below is the few lines of wasm-bindgen that get_dmmf needs.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/database.ts";
import { applyMigrations } from "../../src/db/migrate.ts";
import { createTestDatabase, type TestDatabase } from "../support/testDatabase.ts";

const SCHEMA_PATH = fileURLToPath(new URL("../../prisma/schema.prisma", import.meta.url));
const WASM_PATH = fileURLToPath(new URL("../../node_modules/prisma/build/prisma_schema_build_bg.wasm", import.meta.url));

// ---- DMMF -------------------------------------------------------------------------------------

type DmmfField = {
  name: string;
  dbName?: string | null;
  kind: "scalar" | "object" | "enum" | "unsupported";
  type: string;
  isList: boolean;
  isRequired: boolean;
  isUpdatedAt: boolean;
  nativeType?: [string, string[]] | null;
  default?: unknown;
  relationFromFields?: string[];
};
type DmmfModel = { name: string; dbName: string | null; fields: DmmfField[] };
type DmmfIndex = {
  model: string;
  type: "id" | "unique" | "normal" | "fulltext";
  dbName?: string | null;
  fields: { name: string; sortOrder?: "asc" | "desc" }[];
};
type Dmmf = { datamodel: { models: DmmfModel[]; enums: unknown[]; indexes: DmmfIndex[] } };

type WasmExports = {
  memory: WebAssembly.Memory;
  __wbindgen_externrefs: WebAssembly.Table;
  __wbindgen_malloc(size: number, align: number): number;
  __wbindgen_free(ptr: number, size: number, align: number): void;
  __wbindgen_start(): void;
  get_dmmf(ptr: number, len: number): [number, number, number, number];
};

function getDmmf(schema: string): Dmmf {
  if (!existsSync(WASM_PATH)) throw new Error(`Prisma's schema WASM is missing at ${WASM_PATH}`);
  const module = new WebAssembly.Module(readFileSync(WASM_PATH));
  let wasm: WasmExports | undefined;
  let panicMessage = "";
  const text = (ptr: number, len: number) =>
    new TextDecoder().decode(new Uint8Array(wasm!.memory.buffer, ptr >>> 0, len));
  // Import names carry build hashes, so match them by prefix rather than by exact name.
  const imports: Record<string, (...args: number[]) => unknown> = {};
  for (const { name } of WebAssembly.Module.imports(module)) {
    if (name.startsWith("__wbg_set_message")) imports[name] = (p, l) => void (panicMessage = text(p!, l!));
    else if (name.startsWith("__wbg_Error")) imports[name] = (p, l) => new Error(text(p!, l!));
    else if (name.includes("wbindgen_throw")) imports[name] = (p, l) => { throw new Error(text(p!, l!)); };
    else if (name === "__wbindgen_init_externref_table") {
      imports[name] = () => {
        const table = wasm!.__wbindgen_externrefs;
        const base = table.grow(4);
        table.set(0, undefined);
        [undefined, null, true, false].forEach((v, i) => table.set(base + i, v));
      };
    } else imports[name] = () => { throw new Error(`schema WASM import ${name} is not provided by this test`); };
  }
  const instance = new WebAssembly.Instance(module, { __wbindgen_placeholder__: imports });
  wasm = instance.exports as unknown as WasmExports;
  wasm.__wbindgen_start();

  const input = new TextEncoder().encode(JSON.stringify({ prismaSchema: [["schema.prisma", schema]], noColor: true }));
  const ptr = wasm.__wbindgen_malloc(input.length, 1) >>> 0;
  new Uint8Array(wasm.memory.buffer, ptr, input.length).set(input);
  let result: [number, number, number, number];
  try {
    result = wasm.get_dmmf(ptr, input.length);
  } catch (error) {
    throw new Error(`get_dmmf panicked: ${panicMessage || String(error)}`);
  }
  const [outPtr, outLen, errRef, isErr] = result;
  if (isErr) throw wasm.__wbindgen_externrefs.get(errRef) as Error;
  const json = text(outPtr, outLen);
  wasm.__wbindgen_free(outPtr, outLen, 1);
  return JSON.parse(json) as Dmmf;
}

// ---- What the schema says ---------------------------------------------------------------------

type Column = { type: string; nullable: boolean; default: string | null };
type Index = { unique: boolean; columns: string[] };
type Shape = {
  tables: Map<string, Map<string, Column>>;
  indexes: Map<string, Index & { table: string }>; // by index name
  constraints: Set<string>; // "PRIMARY KEY Table_pkey on Table", "FOREIGN KEY …"
};

const SCALAR_TYPES: Record<string, string> = {
  String: "text",
  Int: "integer",
  BigInt: "bigint",
  Boolean: "boolean",
  DateTime: "timestamp(3)",
  Json: "jsonb",
  Float: "double precision",
  Decimal: "numeric(65,30)",
  Bytes: "bytea",
};
const NATIVE_TYPES: Record<string, string> = { Uuid: "uuid" };

function columnType(field: DmmfField): string {
  let base: string | undefined;
  if (field.nativeType) {
    base = NATIVE_TYPES[field.nativeType[0]];
    if (!base) return `unsupported native type @db.${field.nativeType[0]} (extend schemaAgreement.test.ts)`;
  } else {
    base = SCALAR_TYPES[field.type];
    if (!base) return `unsupported Prisma type ${field.type} (extend schemaAgreement.test.ts)`;
  }
  return field.isList ? `${base}[]` : base;
}

// The column default Prisma's migrations create, as PostgreSQL prints it back.
function columnDefault(table: string, column: string, field: DmmfField): string | null {
  const d = field.default;
  if (d === undefined || field.isUpdatedAt) return null;
  if (typeof d === "object" && d !== null && "name" in d) {
    const fn = (d as { name: string }).name;
    if (fn === "autoincrement") return `nextval('"${table}_${column}_seq"'::regclass)`;
    if (fn === "now") return "CURRENT_TIMESTAMP";
    if (fn === "uuid" || fn === "cuid" || fn === "nanoid" || fn === "ulid") return null; // client-side
    return `unsupported default ${fn}() (extend schemaAgreement.test.ts)`;
  }
  if (Array.isArray(d)) {
    return d.length === 0 ? `ARRAY[]::${columnType(field)}` : "non-empty list default (extend schemaAgreement.test.ts)";
  }
  if (typeof d === "string") return `'${d.replace(/'/g, "''")}'::text`;
  return String(d);
}

function expectedShape(dmmf: Dmmf): Shape {
  const shape: Shape = { tables: new Map(), indexes: new Map(), constraints: new Set() };
  const tableOf = new Map<string, DmmfModel>();
  const columnName = (model: DmmfModel, fieldName: string) => {
    const field = model.fields.find((f) => f.name === fieldName);
    return field?.dbName ?? fieldName;
  };
  for (const model of dmmf.datamodel.models) {
    const table = model.dbName ?? model.name;
    tableOf.set(model.name, model);
    const columns = new Map<string, Column>();
    for (const field of model.fields) {
      if (field.kind === "object") {
        if (field.relationFromFields?.length) {
          const cols = field.relationFromFields.map((f) => columnName(model, f));
          shape.constraints.add(`FOREIGN KEY ${table}_${cols.join("_")}_fkey on ${table}`);
        }
        continue;
      }
      const name = field.dbName ?? field.name;
      columns.set(name, {
        type: field.kind === "scalar" ? columnType(field) : `unsupported field kind ${field.kind}`,
        // Prisma creates scalar-list columns without NOT NULL.
        nullable: !field.isRequired || field.isList,
        default: columnDefault(table, name, field),
      });
    }
    shape.tables.set(table, columns);
  }
  for (const index of dmmf.datamodel.indexes) {
    const model = tableOf.get(index.model)!;
    const table = model.dbName ?? model.name;
    const cols = index.fields.map((f) => columnName(model, f.name));
    const suffix = { id: "pkey", unique: "key", normal: "idx", fulltext: "idx" }[index.type];
    const name = index.dbName ?? (index.type === "id" ? `${table}_pkey` : `${table}_${cols.join("_")}_${suffix}`);
    const columns = index.fields.map((f, i) => `${cols[i]}${f.sortOrder === "desc" ? " DESC" : ""}`);
    shape.indexes.set(name, { table, unique: index.type !== "normal", columns });
    if (index.type === "id") shape.constraints.add(`PRIMARY KEY ${name} on ${table}`);
  }
  return shape;
}

// ---- What the database has --------------------------------------------------------------------

const IGNORED_TABLES = new Set(["_prisma_migrations"]);

async function actualShape(db: Database): Promise<Shape> {
  const q = <T>(sql: string) => db.prisma.$queryRawUnsafe<T[]>(sql);
  const shape: Shape = { tables: new Map(), indexes: new Map(), constraints: new Set() };

  const tables = await q<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
  );
  for (const t of tables) if (!IGNORED_TABLES.has(t.table_name)) shape.tables.set(t.table_name, new Map());

  const columns = await q<{
    table_name: string;
    column_name: string;
    data_type: string;
    udt_name: string;
    is_nullable: string;
    datetime_precision: number | null;
    numeric_precision: number | null;
    numeric_scale: number | null;
    column_default: string | null;
  }>(
    `SELECT table_name, column_name, data_type, udt_name, is_nullable, datetime_precision,
            numeric_precision, numeric_scale, column_default
       FROM information_schema.columns WHERE table_schema = 'public'`,
  );
  for (const c of columns) {
    let type = c.data_type;
    if (type === "ARRAY") type = `${c.udt_name.replace(/^_/, "")}[]`.replace(/^int4\[\]$/, "integer[]").replace(/^int8\[\]$/, "bigint[]");
    else if (type === "timestamp without time zone") type = `timestamp(${c.datetime_precision})`;
    else if (type === "numeric") type = `numeric(${c.numeric_precision},${c.numeric_scale})`;
    else if (type === "USER-DEFINED") type = c.udt_name;
    shape.tables.get(c.table_name)?.set(c.column_name, {
      type,
      nullable: c.is_nullable === "YES",
      default: c.column_default,
    });
  }

  const indexes = await q<{ tablename: string; indexname: string; indexdef: string }>(
    `SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'`,
  );
  for (const i of indexes) {
    if (IGNORED_TABLES.has(i.tablename)) continue;
    const list = /\((.*)\)\s*$/.exec(i.indexdef)?.[1] ?? "";
    const cols = list.split(",").map((c) => c.trim().replace(/^"(.*)"( DESC)?$/, "$1$2"));
    shape.indexes.set(i.indexname, { table: i.tablename, unique: /^CREATE UNIQUE INDEX/.test(i.indexdef), columns: cols });
  }

  const constraints = await q<{ table_name: string; constraint_name: string; constraint_type: string }>(
    `SELECT table_name, constraint_name, constraint_type FROM information_schema.table_constraints
      WHERE table_schema = 'public' AND constraint_type IN ('PRIMARY KEY', 'UNIQUE', 'FOREIGN KEY')`,
  );
  for (const c of constraints) {
    if (!IGNORED_TABLES.has(c.table_name)) shape.constraints.add(`${c.constraint_type} ${c.constraint_name} on ${c.table_name}`);
  }
  return shape;
}

// ---- Comparison -------------------------------------------------------------------------------

const show = (c: Column) => `${c.type} ${c.nullable ? "NULL" : "NOT NULL"} DEFAULT ${c.default ?? "none"}`;

function differences(schema: Shape, database: Shape): string[] {
  const out: string[] = [];
  for (const [table, columns] of schema.tables) {
    const actual = database.tables.get(table);
    if (!actual) {
      out.push(`table ${table}: in schema.prisma, missing from the migrations`);
      continue;
    }
    for (const [name, want] of columns) {
      const have = actual.get(name);
      if (!have) out.push(`column ${table}.${name}: in schema.prisma, missing from the migrations`);
      else if (show(want) !== show(have)) out.push(`column ${table}.${name}: schema.prisma says ${show(want)}, migrations give ${show(have)}`);
    }
    for (const name of actual.keys()) {
      if (!columns.has(name)) out.push(`column ${table}.${name}: created by the migrations, not in schema.prisma`);
    }
  }
  for (const table of database.tables.keys()) {
    if (!schema.tables.has(table)) out.push(`table ${table}: created by the migrations, not in schema.prisma`);
  }
  const showIndex = (i: Index & { table: string }) => `${i.unique ? "UNIQUE " : ""}on ${i.table}(${i.columns.join(", ")})`;
  for (const [name, want] of schema.indexes) {
    const have = database.indexes.get(name);
    if (!have) out.push(`index ${name}: in schema.prisma, missing from the migrations`);
    else if (showIndex(want) !== showIndex(have)) out.push(`index ${name}: schema.prisma says ${showIndex(want)}, migrations give ${showIndex(have)}`);
  }
  for (const [name, have] of database.indexes) {
    if (!schema.indexes.has(name)) out.push(`index ${name}: created by the migrations (${showIndex(have)}), not in schema.prisma`);
  }
  for (const c of schema.constraints) if (!database.constraints.has(c)) out.push(`constraint ${c}: in schema.prisma, missing from the migrations`);
  for (const c of database.constraints) if (!schema.constraints.has(c)) out.push(`constraint ${c}: created by the migrations, not in schema.prisma`);
  return out.sort();
}

// ---- Tests ------------------------------------------------------------------------------------

describe("schema.prisma and prisma/migrations agree", { timeout: 120_000 }, () => {
  let testDb: TestDatabase;
  let db: Database;
  const dmmf = getDmmf(readFileSync(SCHEMA_PATH, "utf8"));

  beforeEach(async () => {
    testDb = await createTestDatabase();
    db = await openDatabase(testDb);
    await applyMigrations(db.prisma);
  }, 120_000);
  afterEach(async () => {
    await db.close();
    await testDb.cleanup();
  }, 120_000);

  it("every model, column (type, nullability, default), index and key matches", async () => {
    expect(dmmf.datamodel.models.length).toBeGreaterThan(0);
    expect(differences(expectedShape(dmmf), await actualShape(db))).toEqual([]);
  });

  it("the comparison notices drift (so the test above cannot pass vacuously)", async () => {
    await db.prisma.$executeRawUnsafe(`ALTER TABLE "Resident" ALTER COLUMN "profileLanguage" SET NOT NULL`);
    await db.prisma.$executeRawUnsafe(`ALTER TABLE "InboxEvent" ALTER COLUMN "status" SET DEFAULT 'new'`);
    await db.prisma.$executeRawUnsafe(`ALTER TABLE "AuditLog" ALTER COLUMN "actor" TYPE VARCHAR(10)`);
    await db.prisma.$executeRawUnsafe(`DROP INDEX "Referral_status_createdAt_idx"`);
    await db.prisma.$executeRawUnsafe(`CREATE INDEX "Stray_idx" ON "Referral"("language")`);
    await db.prisma.$executeRawUnsafe(`ALTER TABLE "ApiToken" ADD COLUMN "extra" TEXT`);
    await db.prisma.$executeRawUnsafe(`CREATE TABLE "Orphan" ("id" TEXT NOT NULL)`);
    const found = differences(expectedShape(dmmf), await actualShape(db));
    for (const expected of [
      /^column Resident\.profileLanguage: schema\.prisma says text NULL/,
      /^column InboxEvent\.status: .* migrations give text NOT NULL DEFAULT 'new'::text/,
      /^column AuditLog\.actor: schema\.prisma says text NOT NULL .* migrations give character varying/,
      /^index Referral_status_createdAt_idx: in schema\.prisma, missing/,
      /^index Stray_idx: created by the migrations/,
      /^column ApiToken\.extra: created by the migrations/,
      /^table Orphan: created by the migrations/,
    ]) {
      expect(found.some((line) => expected.test(line)), `${expected} in\n${found.join("\n")}`).toBe(true);
    }
    expect(found).toHaveLength(7);
  });
});
