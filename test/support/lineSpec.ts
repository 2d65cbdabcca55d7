/**
 * Validators for what the bot sends to (and receives from) LINE, built from LINE's own OpenAPI
 * specs in shared/line-openapi plus the documented limits the specs leave out (SOURCE.md there).
 *
 * OpenAPI 3.0 is not JSON Schema, so the component schemas are translated once:
 *  - `$ref: "#/components/schemas/X"` → `#/definitions/X` inside one Ajv document per spec;
 *  - `nullable: true` → a "null" member in `type` (and `enum`);
 *  - `discriminator.mapping` → dispatch on the property: an `if/then` per mapped value and an
 *    `enum` of the mapped values, so an unknown `type` fails. LINE's subtypes inherit from the
 *    parent with `allOf: [$ref parent]`; those inheritance refs point at a copy of the parent
 *    without the dispatch (`X__base`), otherwise validating a subtype would dispatch forever.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import { parse as parseYaml } from "yaml";

/** One problem found in a body: where (JSON path, `$` is the body) and what. */
export interface SpecIssue {
  path: string;
  message: string;
}

// ---------------------------------------------------------------------------------------------
// Public API

/** Errors in a reply request body (`POST /v2/bot/message/reply`); [] when LINE would accept it. */
export function validateReplyRequest(body: unknown): string[] {
  return render(replyRequestIssues(body));
}

/** Errors in a push request body (`POST /v2/bot/message/push`); [] when LINE would accept it. */
export function validatePushRequest(body: unknown): string[] {
  return render(pushRequestIssues(body));
}

/** Errors in a loading-indicator body (`POST /v2/bot/chat/loading/start`). */
export function validateShowLoadingAnimationRequest(body: unknown): string[] {
  return render(showLoadingAnimationRequestIssues(body));
}

/** Errors in a webhook body as LINE sends it (schema `CallbackRequest` of webhook.yml). */
export function validateWebhookBody(body: unknown): string[] {
  return render(webhookBodyIssues(body));
}

export function replyRequestIssues(body: unknown): SpecIssue[] {
  return [...schemaIssues(messagingSchema("ReplyMessageRequest"), body), ...messageLimitIssues(body)];
}

export function pushRequestIssues(body: unknown): SpecIssue[] {
  return [...schemaIssues(messagingSchema("PushMessageRequest"), body), ...messageLimitIssues(body)];
}

export function showLoadingAnimationRequestIssues(body: unknown): SpecIssue[] {
  return [...schemaIssues(messagingSchema("ShowLoadingAnimationRequest"), body), ...loadingLimitIssues(body)];
}

/**
 * A rich menu object (`POST /v2/bot/richmenu`, schema RichMenuRequest) and the documented limits
 * the spec leaves out: the size (width 800–2500, height ≥ 250, width/height ≥ 1.45), every
 * required property, 1–20 areas inside the menu, and an action label of at most 20 characters.
 */
export function richMenuRequestIssues(body: unknown): SpecIssue[] {
  return [...schemaIssues(messagingSchema("RichMenuRequest"), body), ...richMenuLimitIssues(body)];
}

export function webhookBodyIssues(body: unknown): SpecIssue[] {
  return schemaIssues(webhookSchema("CallbackRequest"), body);
}

/** Counts user-perceived characters (grapheme clusters), as LINE counts action labels. */
export function graphemeLength(text: string): number {
  let count = 0;
  for (const _ of graphemes.segment(text)) count++;
  return count;
}

// ---------------------------------------------------------------------------------------------
// Loading the specs

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const SPEC_DIR =
  process.env.LINE_OPENAPI_DIR ?? fileURLToPath(new URL("../fixtures/shared/line-openapi/", import.meta.url));

const MESSAGING_ID = "https://tsunagu.test/line/messaging-api.json";
const WEBHOOK_ID = "https://tsunagu.test/line/webhook.json";

const graphemes = new Intl.Segmenter("ja", { granularity: "grapheme" });

let ajvInstance: Ajv | undefined;
const compiled = new Map<string, ValidateFunction>();

function messagingSchema(name: string): ValidateFunction {
  return compiledSchema(MESSAGING_ID, name);
}

function webhookSchema(name: string): ValidateFunction {
  return compiledSchema(WEBHOOK_ID, name);
}

function compiledSchema(docId: string, name: string): ValidateFunction {
  const key = `${docId}#/definitions/${name}`;
  let validate = compiled.get(key);
  if (!validate) {
    validate = getAjv().getSchema(key);
    if (!validate) throw new Error(`LINE spec has no schema ${name} (${docId})`);
    compiled.set(key, validate);
  }
  return validate;
}

function getAjv(): Ajv {
  if (ajvInstance) return ajvInstance;
  const ajv = new Ajv({
    allErrors: true, // report every problem in a body, not the first
    strict: true,
    strictTypes: false, // LINE's subtypes put `properties` in allOf members without `type`
    strictRequired: false, // …and `required` in one allOf member, `properties` in another
    allowUnionTypes: true, // `nullable` becomes ["integer", "null"]
    // maxLength counts UTF-16 code units, as LINE's documentation does. Ajv calls the option
    // deprecated but still honours it; its warning is silenced below.
    unicode: false,
    logger: { log: console.log, warn: warnUnlessUnicodeDeprecation, error: console.error },
  });
  addFormats(ajv);
  addOpenApiFormats(ajv);
  ajv.addSchema(loadSpecDocument("messaging-api.yml", MESSAGING_ID));
  ajv.addSchema(loadSpecDocument("webhook.yml", WEBHOOK_ID));
  ajvInstance = ajv;
  return ajv;
}

function warnUnlessUnicodeDeprecation(...args: unknown[]): void {
  if (String(args[0]).startsWith("DEPRECATED: option unicode")) return;
  console.warn(...args);
}

// ajv-formats is CommonJS; under NodeNext its default import is typed as the module object.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

/** OpenAPI's own numeric/binary formats, which JSON Schema does not define. */
function addOpenApiFormats(ajv: Ajv): void {
  const int32 = (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31;
  ajv.addFormat("int32", { type: "number", validate: int32 });
  ajv.addFormat("int64", { type: "number", validate: (n: number) => Number.isInteger(n) });
  ajv.addFormat("float", { type: "number", validate: () => true });
  ajv.addFormat("double", { type: "number", validate: () => true });
  ajv.addFormat("binary", { type: "string", validate: () => true });
  ajv.addFormat("byte", { type: "string", validate: () => true });
}

function loadSpecDocument(file: string, id: string): JsonObject {
  const spec = parseYaml(readFileSync(join(SPEC_DIR, file), "utf8")) as JsonObject;
  const schemas = (spec.components as JsonObject | undefined)?.schemas as JsonObject | undefined;
  if (!schemas) throw new Error(`${file} has no components.schemas`);
  return { $id: id, definitions: translateComponents(schemas) };
}

// ---------------------------------------------------------------------------------------------
// OpenAPI 3.0 → JSON Schema

const REF_PREFIX = "#/components/schemas/";
const BASE_SUFFIX = "__base";
/** OpenAPI annotations that JSON Schema (and Ajv's strict mode) does not know. */
const OPENAPI_ONLY = new Set(["discriminator", "example", "externalDocs", "xml", "nullable"]);

interface Discriminator {
  propertyName: string;
  mapping: Record<string, string>; // value → component name
}

function translateComponents(schemas: JsonObject): JsonObject {
  const withDiscriminator = new Set(
    Object.entries(schemas).filter(([, s]) => discriminatorOf(s)).map(([name]) => name),
  );
  const definitions: JsonObject = {};
  for (const [name, schema] of Object.entries(schemas)) {
    const translated = translate(schema, withDiscriminator, false);
    const discriminator = discriminatorOf(schema);
    if (!discriminator) {
      definitions[name] = translated;
      continue;
    }
    for (const target of Object.values(discriminator.mapping)) {
      if (!(target in schemas)) throw new Error(`discriminator of ${name} maps to missing schema ${target}`);
    }
    definitions[name + BASE_SUFFIX] = translated;
    definitions[name] = dispatchSchema(discriminator);
  }
  return definitions;
}

function discriminatorOf(schema: Json | undefined): Discriminator | undefined {
  if (!isJsonObject(schema) || !isJsonObject(schema.discriminator)) return undefined;
  const { propertyName, mapping } = schema.discriminator;
  if (typeof propertyName !== "string" || !isJsonObject(mapping)) return undefined;
  const targets: Record<string, string> = {};
  for (const [value, ref] of Object.entries(mapping)) {
    if (typeof ref === "string") targets[value] = ref.replace(REF_PREFIX, "");
  }
  return { propertyName, mapping: targets };
}

/** Validates against the subtype named by the discriminator property; other values fail. */
function dispatchSchema({ propertyName, mapping }: Discriminator): JsonObject {
  return {
    type: "object",
    required: [propertyName],
    properties: { [propertyName]: { type: "string", enum: Object.keys(mapping) } },
    allOf: Object.entries(mapping).map(([value, target]) => ({
      if: { properties: { [propertyName]: { const: value } }, required: [propertyName] },
      then: { $ref: `#/definitions/${target}` },
    })),
  };
}

/**
 * Translates one schema node. `inAllOf` marks the members of an `allOf`, where a ref to a
 * schema with a discriminator is inheritance and so must not dispatch again.
 */
function translate(node: Json, withDiscriminator: Set<string>, inAllOf: boolean): Json {
  if (Array.isArray(node)) return node.map((item) => translate(item, withDiscriminator, inAllOf));
  if (!isJsonObject(node)) return node;

  if (typeof node.$ref === "string") {
    // OpenAPI 3.0 ignores siblings of $ref, so they are dropped.
    const name = node.$ref.replace(REF_PREFIX, "");
    const inherited = inAllOf && withDiscriminator.has(name);
    return { $ref: `#/definitions/${inherited ? name + BASE_SUFFIX : name}` };
  }

  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (OPENAPI_ONLY.has(key)) continue;
    out[key] = translateKeyword(key, value, withDiscriminator);
  }
  if (node.nullable === true) makeNullable(out);
  return out;
}

function translateKeyword(key: string, value: Json, withDiscriminator: Set<string>): Json {
  switch (key) {
    case "properties":
      return isJsonObject(value)
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, translate(v, withDiscriminator, false)]))
        : value;
    case "allOf":
      return translate(value, withDiscriminator, true);
    case "items":
    case "additionalProperties":
    case "not":
    case "oneOf":
    case "anyOf":
      return translate(value, withDiscriminator, false);
    default:
      return value; // keywords whose values are data (type, enum, required, description…)
  }
}

function makeNullable(schema: JsonObject): void {
  if (typeof schema.type === "string") schema.type = [schema.type, "null"];
  if (Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = [...schema.enum, null];
}

// ---------------------------------------------------------------------------------------------
// Schema errors → issues

function schemaIssues(validate: ValidateFunction, body: unknown): SpecIssue[] {
  if (validate(body)) return [];
  const issues = (validate.errors ?? [])
    .filter((error) => error.keyword !== "if") // "must match then": its cause is reported too
    .map(toIssue);
  return dedupe(issues);
}

function toIssue(error: ErrorObject): SpecIssue {
  const segments = pointerSegments(error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "required":
      return { path: renderPath([...segments, String(params.missingProperty)]), message: "is required" };
    case "enum": {
      const allowed = (params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ");
      return { path: renderPath(segments), message: `must be one of ${allowed}` };
    }
    case "additionalProperties":
      return { path: renderPath(segments), message: `has unknown property "${String(params.additionalProperty)}"` };
    default:
      return { path: renderPath(segments), message: error.message ?? error.keyword };
  }
}

function pointerSegments(pointer: string): PathSegment[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

type PathSegment = string | number;

/** `["messages", 0, "text"]` → `$.messages[0].text` (JSONPath, as in LINE's error `property`). */
function renderPath(segments: readonly PathSegment[]): string {
  let path = "$";
  for (const segment of segments) {
    if (typeof segment === "number") path += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(segment)) path += `.${segment}`;
    else path += `[${JSON.stringify(segment)}]`;
  }
  return path;
}

function render(issues: SpecIssue[]): string[] {
  return issues.map((issue) => `${issue.path}: ${issue.message}`);
}

function dedupe(issues: SpecIssue[]): SpecIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.path}\u0000${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// ---------------------------------------------------------------------------------------------
// Documented limits the spec does not state (shared/line-openapi/SOURCE.md).
// Already in the spec, and so checked by the schema: 1–5 messages per request, ≤ 13 quick reply
// items, postback `data` ≤ 300. These walkers tolerate any shape: the schema reports bad shapes.

const LIMITS = {
  textMessage: 5000,
  quickReplyLabel: 20, // grapheme clusters
  actionText: 300, // postback displayText/text, message action text
  buttonsActions: 4,
  buttonsText: 160,
  buttonsTextWithTitleOrImage: 60,
  buttonsTitle: 40,
  templateAltText: 400,
  flexAltText: 1500,
} as const;

type Record_ = Record<string, unknown>;

function messageLimitIssues(body: unknown): SpecIssue[] {
  if (!isRecord(body) || !Array.isArray(body.messages)) return [];
  return body.messages.flatMap((message, i) => messageIssues(message, ["messages", i]));
}

function messageIssues(message: unknown, path: PathSegment[]): SpecIssue[] {
  if (!isRecord(message)) return [];
  const issues = quickReplyIssues(message.quickReply, [...path, "quickReply"]);
  switch (message.type) {
    case "text":
    case "textV2":
      issues.push(...nonEmpty(message.text, [...path, "text"]));
      issues.push(...maxChars(message.text, LIMITS.textMessage, [...path, "text"]));
      break;
    case "template":
      // The documentation gives 400 for the altText of every template message, buttons included.
      issues.push(...maxChars(message.altText, LIMITS.templateAltText, [...path, "altText"]));
      issues.push(...templateIssues(message.template, [...path, "template"]));
      break;
    case "flex":
      issues.push(...maxChars(message.altText, LIMITS.flexAltText, [...path, "altText"]));
      issues.push(...flexIssues(message.contents, [...path, "contents"]));
      break;
  }
  return issues;
}

function quickReplyIssues(quickReply: unknown, path: PathSegment[]): SpecIssue[] {
  if (!isRecord(quickReply) || !Array.isArray(quickReply.items)) return [];
  return quickReply.items.flatMap((item, i) => {
    if (!isRecord(item)) return [];
    const actionPath = [...path, "items", i, "action"];
    return [...actionIssues(item.action, actionPath), ...quickReplyLabelIssues(item.action, actionPath)];
  });
}

function quickReplyLabelIssues(action: unknown, path: PathSegment[]): SpecIssue[] {
  if (!isRecord(action) || typeof action.label !== "string") return [];
  const length = graphemeLength(action.label);
  if (length <= LIMITS.quickReplyLabel) return [];
  return [issue([...path, "label"], `must be at most ${LIMITS.quickReplyLabel} characters, got ${length}`)];
}

/** Limits that hold for an action wherever it appears. */
function actionIssues(action: unknown, path: PathSegment[]): SpecIssue[] {
  if (!isRecord(action)) return [];
  if (action.type === "postback") {
    return [
      ...maxChars(action.displayText, LIMITS.actionText, [...path, "displayText"]),
      ...maxChars(action.text, LIMITS.actionText, [...path, "text"]),
    ];
  }
  if (action.type === "message") return maxChars(action.text, LIMITS.actionText, [...path, "text"]);
  return [];
}

function templateIssues(template: unknown, path: PathSegment[]): SpecIssue[] {
  if (!isRecord(template)) return [];
  const issues: SpecIssue[] = [...actionIssues(template.defaultAction, [...path, "defaultAction"])];
  issues.push(...actionListIssues(template.actions, [...path, "actions"]));
  if (template.type === "buttons") issues.push(...buttonsTemplateIssues(template, path));
  if (Array.isArray(template.columns)) {
    template.columns.forEach((column, i) => {
      if (!isRecord(column)) return;
      const columnPath = [...path, "columns", i];
      issues.push(...actionListIssues(column.actions, [...columnPath, "actions"]));
      issues.push(...actionIssues(column.defaultAction, [...columnPath, "defaultAction"]));
      issues.push(...actionIssues(column.action, [...columnPath, "action"]));
    });
  }
  return issues;
}

function buttonsTemplateIssues(template: Record_, path: PathSegment[]): SpecIssue[] {
  const issues: SpecIssue[] = [];
  if (Array.isArray(template.actions) && template.actions.length > LIMITS.buttonsActions) {
    issues.push(
      issue([...path, "actions"], `must have at most ${LIMITS.buttonsActions} actions, got ${template.actions.length}`),
    );
  }
  issues.push(...maxChars(template.title, LIMITS.buttonsTitle, [...path, "title"]));
  // The text gets less room when a title or an image takes part of the bubble.
  const crowded = template.title !== undefined || template.thumbnailImageUrl !== undefined;
  const textMax = crowded ? LIMITS.buttonsTextWithTitleOrImage : LIMITS.buttonsText;
  issues.push(...maxChars(template.text, textMax, [...path, "text"]));
  return issues;
}

function actionListIssues(actions: unknown, path: PathSegment[]): SpecIssue[] {
  if (!Array.isArray(actions)) return [];
  return actions.flatMap((action, i) => actionIssues(action, [...path, i]));
}

/** Flex trees hold actions only under the key `action` (bubble, box, button, image, text…). */
function flexIssues(node: unknown, path: PathSegment[]): SpecIssue[] {
  if (Array.isArray(node)) return node.flatMap((child, i) => flexIssues(child, [...path, i]));
  if (!isRecord(node)) return [];
  return Object.entries(node).flatMap(([key, value]) =>
    key === "action" ? actionIssues(value, [...path, key]) : flexIssues(value, [...path, key]),
  );
}

function loadingLimitIssues(body: unknown): SpecIssue[] {
  // The spec's description: "It must be a multiple of 5".
  if (!isRecord(body) || typeof body.loadingSeconds !== "number" || body.loadingSeconds % 5 === 0) return [];
  return [issue(["loadingSeconds"], "must be a multiple of 5")];
}

/** Text lengths in UTF-16 code units, as LINE's documentation counts them. */
function maxChars(value: unknown, max: number, path: PathSegment[]): SpecIssue[] {
  if (typeof value !== "string" || value.length <= max) return [];
  return [issue(path, `must be at most ${max} characters (UTF-16 code units), got ${value.length}`)];
}

/** LINE rejects an empty text message, though the spec does not say so. */
function nonEmpty(value: unknown, path: PathSegment[]): SpecIssue[] {
  return value === "" ? [issue(path, "must not be empty")] : [];
}

function issue(path: PathSegment[], message: string): SpecIssue {
  return { path: renderPath(path), message };
}

function isRecord(value: unknown): value is Record_ {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isJsonObject(value: Json | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// ---------------------------------------------------------------------------------------------
// Rich menus (https://developers.line.biz/en/reference/messaging-api/#rich-menu-object)

function richMenuLimitIssues(body: unknown): SpecIssue[] {
  if (!isRecord(body)) return [];
  const issues: SpecIssue[] = [];
  for (const key of ["size", "selected", "name", "chatBarText", "areas"]) if (body[key] === undefined) issues.push(issue([key], "is required"));
  const size = isRecord(body.size) ? body.size : {};
  const width = typeof size.width === "number" ? size.width : 0;
  const height = typeof size.height === "number" ? size.height : 0;
  if (width < 800 || width > 2500) issues.push(issue(["size", "width"], `must be 800 to 2500, got ${width}`));
  if (height < 250) issues.push(issue(["size", "height"], `must be at least 250, got ${height}`));
  if (height > 0 && width / height < 1.45) issues.push(issue(["size"], `width/height must be at least 1.45, got ${(width / height).toFixed(3)}`));
  const areas = Array.isArray(body.areas) ? body.areas : [];
  if (areas.length < 1 || areas.length > 20) issues.push(issue(["areas"], `must hold 1 to 20 areas, got ${areas.length}`));
  areas.forEach((area, i) => {
    if (!isRecord(area)) return;
    const b = isRecord(area.bounds) ? area.bounds : {};
    const [x, y, w, h] = [b.x, b.y, b.width, b.height].map((v) => (typeof v === "number" ? v : NaN)) as [number, number, number, number];
    if (!(x >= 0 && y >= 0 && w > 0 && h > 0 && x + w <= width && y + h <= height)) issues.push(issue(["areas", i, "bounds"], "must lie inside the menu"));
    const action = isRecord(area.action) ? area.action : {};
    if (typeof action.label === "string" && graphemeLength(action.label) > LIMITS.quickReplyLabel) issues.push(issue(["areas", i, "action", "label"], `must be at most ${LIMITS.quickReplyLabel} characters`));
    issues.push(...actionIssues(action, ["areas", i, "action"]));
  });
  return issues;
}
