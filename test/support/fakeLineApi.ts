/**
 * A fake LINE Messaging API for tests: a real HTTP server on 127.0.0.1 that behaves like LINE
 * where the bot can tell (reply tokens used once, push retry keys, 429s) and checks every request
 * body against LINE's OpenAPI spec and documented limits (./lineSpec.ts). Requests LINE would
 * reject get LINE's 400 and are kept in `violations`, so a test can end with
 * `expect(fake.violations).toEqual([])`.
 *
 * Faults, as LINE shows them: a failure before anything is delivered (5xx, 429 with Retry-After),
 * "delivered, then 500" (the token is used or the retry key accepted, and the bot still gets an
 * error), and a call that never answers. Reply tokens are used once and expire.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes, randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import { pngSize } from "../../src/line/png.ts";
import {
  pushRequestIssues,
  replyRequestIssues,
  richMenuRequestIssues,
  showLoadingAnimationRequestIssues,
  type SpecIssue,
} from "./lineSpec.ts";

export interface FakeLineApiOptions {
  /** When set, only `Authorization: Bearer <this>` is accepted; otherwise any bearer token. */
  channelAccessToken?: string;
  /** An issued reply token is refused ("Invalid reply token") this long after it was issued. */
  replyTokenLifetimeMs?: number;
}

/** What happens to one request instead of the normal answer. */
export type Fault =
  | { kind: "fail"; response: FakeResponse }
  /** LINE delivers (token used, retry key accepted) and then answers with `response`. */
  | { kind: "failAfterDelivery"; response: FakeResponse }
  /** The request is taken and never answered (until the fake closes). */
  | { kind: "hang" };

/** Chooses a fault for a message request (reply or push), or none; for random fault tests. */
export type FaultInjector = (request: RecordedRequest) => Fault | undefined;

export interface RecordedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  headers: IncomingHttpHeaders;
  /** Parsed JSON; the raw text when it is not JSON; undefined when empty. */
  body: unknown;
  /** The body as sent (images). */
  bytes: Buffer;
  time: number;
}

/** A rich menu LINE holds: what was created, and its image once uploaded. */
export interface FakeRichMenu {
  richMenuId: string;
  request: Record<string, unknown>;
  image: Buffer | null;
}

export interface Delivery {
  /** The recipient; for a reply, known only when the token came from `issueReplyToken`. */
  userId: string | null;
  via: "reply" | "push";
  /** The reply token a reply used (what ties it to its event). */
  replyToken?: string;
  messages: unknown[];
  at: number;
}

export interface Violation {
  /** The endpoint, e.g. `/v2/bot/message/reply`. */
  path: string;
  errors: string[];
}

export interface FakeResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface Profile {
  displayName: string;
  language?: string;
  pictureUrl?: string;
  statusMessage?: string;
}

export interface FakeLineApi {
  readonly baseUrl: string;
  readonly requests: RecordedRequest[];
  readonly delivered: Delivery[];
  readonly violations: Violation[];
  /** Registers a reply token for a user (a fresh one unless given) so replies resolve to them. */
  issueReplyToken(userId: string, token?: string): string;
  setProfile(userId: string, profile: Profile): void;
  /**
   * The next `n` requests (matching `match.path`, if given) get `response`, and deliver nothing;
   * with `afterDelivery`, they deliver first (a reply or push that succeeded, then errs).
   */
  failNext(n: number, response: FakeResponse, match?: { path?: string; afterDelivery?: boolean }): void;
  /** The next `n` requests (matching `match.path` and recipient `match.userId`, if given) are never answered. */
  hangNext(n: number, match?: { path?: string; userId?: string }): void;
  /** Every later request may get a fault chosen by `injector` (null: none). */
  injectFaults(injector: FaultInjector | null): void;
  /** Called synchronously the moment a delivery is accepted, before LINE answers. */
  onDelivery(listener: ((delivery: Delivery) => void) | null): void;
  /** Requests taken and never answered so far. */
  readonly hung: RecordedRequest[];
  /** The channel's rich menus, as LINE keeps them (across restarts of the bot; reset() keeps them too). */
  readonly richMenus: Map<string, FakeRichMenu>;
  /** The channel's default rich menu, if any. */
  defaultRichMenuId: string | null;
  /** Every message delivered to the user, by reply or push, in order. */
  messagesFor(userId: string): unknown[];
  /** Resolves once `predicate(fake)` holds, checked now and after each request; rejects on timeout. */
  waitFor(predicate: (fake: FakeLineApi) => boolean, timeoutMs?: number): Promise<void>;
  /** Forgets all records, tokens, retry keys, profiles, pending failures and fault injectors. */
  reset(): void;
  close(): Promise<void>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface FailureRule {
  remaining: number;
  fault: Fault;
  path?: string;
  /** Only requests to this recipient (push `to`, or the user a reply token was issued for). */
  userId?: string;
}

const HANG = Symbol("hang");

/** What an endpoint handler returns; the server writes it. */
interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export async function startFakeLineApi(opts: FakeLineApiOptions = {}): Promise<FakeLineApi> {
  const state = new FakeState(opts);
  const server = createServer((req, res) => {
    void handle(state, req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  state.baseUrl = `http://127.0.0.1:${port}`;
  state.closeServer = () =>
    new Promise<void>((resolve, reject) => {
      server.close((err) => (err ? reject(err) : resolve()));
      server.closeAllConnections(); // keep-alive sockets from fetch would hold close() open
    });
  return state;
}

class FakeState implements FakeLineApi {
  baseUrl = "";
  requests: RecordedRequest[] = [];
  hung: RecordedRequest[] = [];
  delivered: Delivery[] = [];
  injector: FaultInjector | null = null;
  deliveryListener: ((delivery: Delivery) => void) | null = null;
  violations: Violation[] = [];
  closeServer: () => Promise<void> = async () => {};

  readonly changes = new EventEmitter();
  issuedTokens = new Map<string, { userId: string; issuedAt: number }>();
  usedTokens = new Set<string>();
  acceptedRetryKeys = new Map<string, { requestId: string; sentMessages: SentMessage[] }>();
  profiles = new Map<string, Profile>();
  richMenus = new Map<string, FakeRichMenu>();
  defaultRichMenuId: string | null = null;
  failures: FailureRule[] = [];
  private nextMessageId = 600_000_000_000_000_000n;

  readonly options: FakeLineApiOptions;

  constructor(options: FakeLineApiOptions) {
    this.options = options;
    this.changes.setMaxListeners(0); // one listener per pending waitFor
  }

  issueReplyToken(userId: string, token: string = randomBytes(16).toString("hex")): string {
    this.issuedTokens.set(token, { userId, issuedAt: Date.now() });
    return token;
  }

  setProfile(userId: string, profile: Profile): void {
    this.profiles.set(userId, profile);
  }

  failNext(n: number, response: FakeResponse, match: { path?: string; afterDelivery?: boolean } = {}): void {
    const fault: Fault = match.afterDelivery ? { kind: "failAfterDelivery", response } : { kind: "fail", response };
    this.failures.push({ remaining: n, fault, path: match.path });
  }

  hangNext(n: number, match: { path?: string; userId?: string } = {}): void {
    this.failures.push({ remaining: n, fault: { kind: "hang" }, path: match.path, userId: match.userId });
  }

  injectFaults(injector: FaultInjector | null): void {
    this.injector = injector;
  }

  onDelivery(listener: ((delivery: Delivery) => void) | null): void {
    this.deliveryListener = listener;
  }

  /** Records a delivery and tells the listener at once (a test may kill the bot right then). */
  deliver(delivery: Delivery): void {
    this.delivered.push(delivery);
    this.deliveryListener?.(delivery);
  }

  messagesFor(userId: string): unknown[] {
    return this.delivered.filter((d) => d.userId === userId).flatMap((d) => d.messages);
  }

  waitFor(predicate: (fake: FakeLineApi) => boolean, timeoutMs = 5000): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const check = (): boolean => {
        try {
          if (!predicate(this)) return false;
        } catch (err) {
          finish();
          reject(err);
          return true;
        }
        finish();
        resolve();
        return true;
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`fake LINE API: waitFor timed out after ${timeoutMs} ms (${this.summary()})`));
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        this.changes.off("change", check);
      };
      if (!check()) this.changes.on("change", check);
    });
  }

  reset(): void {
    this.requests.length = 0;
    this.hung.length = 0;
    this.delivered.length = 0;
    this.injector = null;
    this.deliveryListener = null;
    this.violations.length = 0;
    this.issuedTokens.clear();
    this.usedTokens.clear();
    this.acceptedRetryKeys.clear();
    this.profiles.clear();
    this.failures.length = 0;
  }

  close(): Promise<void> {
    return this.closeServer();
  }

  /** Takes the first pending failure that matches, if any, else asks the injector. */
  takeFault(request: RecordedRequest): Fault | undefined {
    const body = request.body as { to?: unknown; replyToken?: unknown } | undefined;
    const recipient = typeof body?.to === "string" ? body.to : this.issuedTokens.get(String(body?.replyToken))?.userId;
    const rule = this.failures.find(
      (r) => r.remaining > 0 && (r.path === undefined || r.path === request.path) && (r.userId === undefined || r.userId === recipient),
    );
    if (!rule) return isMessageRequest(request.path) ? this.injector?.(request) : undefined;
    rule.remaining--;
    this.failures = this.failures.filter((r) => r.remaining > 0);
    return rule.fault;
  }

  sentMessages(count: number): SentMessage[] {
    return Array.from({ length: count }, () => ({
      id: String(this.nextMessageId++),
      quoteToken: randomBytes(24).toString("base64url"),
    }));
  }

  summary(): string {
    const paths = this.requests.map((r) => `${r.method} ${r.path}`).join(", ");
    return `${this.requests.length} request(s) [${paths}], ${this.delivered.length} delivery(ies), ${this.violations.length} violation(s)`;
  }
}

interface SentMessage {
  id: string;
  quoteToken: string;
}

// ---------------------------------------------------------------------------------------------
// Request handling

async function handle(state: FakeState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = new URL(req.url ?? "/", "http://fake").pathname;
  const bytes = await readBody(req);
  const raw = bytes.toString("utf8");
  const binary = /^image\//.test(header(req.headers, "content-type") ?? "");
  const parsed = binary ? ({ ok: true, value: undefined } as const) : parseJson(raw);
  const request: RecordedRequest = {
    method: req.method ?? "GET",
    path,
    headers: req.headers,
    body: parsed.ok ? parsed.value : raw,
    bytes,
    time: Date.now(),
  };
  state.requests.push(request);
  let reply: Reply | typeof HANG;
  try {
    reply = route(state, request, parsed.ok);
  } catch (err) {
    reply = { status: 500, body: { message: `fake LINE API failed: ${String(err)}` } };
  }
  if (reply === HANG) state.hung.push(request); // the socket stays open until the fake closes
  state.changes.emit("change"); // records are complete: let waitFor look before the bot does
  if (reply !== HANG) send(res, reply);
}

const isMessageRequest = (path: string) => path === "/v2/bot/message/reply" || path === "/v2/bot/message/push";

function route(state: FakeState, request: RecordedRequest, bodyIsJson: boolean): Reply | typeof HANG {
  const endpoint = findEndpoint(request.method, request.path);
  if (!endpoint) {
    state.violations.push({ path: request.path, errors: [`${request.method} ${request.path} is not an endpoint this fake knows`] });
    return { status: 404, body: { message: "Not found" } };
  }
  // Bodies are checked even when a failure is injected, so no bad request goes unnoticed.
  const issues = endpoint.validate ? requestIssues(endpoint.validate, request, bodyIsJson) : [];
  if (issues.length > 0) state.violations.push({ path: request.path, errors: issues.map((i) => `${i.path}: ${i.message}`) });

  const fault = state.takeFault(request);
  if (fault?.kind === "hang") return HANG;
  if (fault?.kind === "fail") return injected(fault.response);

  const authError = checkAuthorization(state, request.headers);
  if (authError) return authError;
  if (issues.length > 0) return badRequest(issues);
  const reply = endpoint.handle(state, request);
  // "Delivered, then 500": what LINE did stands; only the answer is lost.
  if (fault?.kind === "failAfterDelivery") return injected(fault.response);
  return reply;
}

const injected = (r: FakeResponse): Reply => ({ status: r.status, headers: r.headers, body: r.body ?? { message: "Injected failure" } });

interface Endpoint {
  validate?: (request: RecordedRequest) => SpecIssue[];
  handle: (state: FakeState, request: RecordedRequest) => Reply;
}

function findEndpoint(method: string, path: string): Endpoint | undefined {
  if (method === "POST" && path === "/v2/bot/message/reply") {
    return { validate: (r) => replyRequestIssues(r.body), handle: handleReply };
  }
  if (method === "POST" && path === "/v2/bot/message/push") {
    return { validate: (r) => [...retryKeyIssues(r.headers), ...pushRequestIssues(r.body)], handle: handlePush };
  }
  if (method === "POST" && path === "/v2/bot/chat/loading/start") {
    return { validate: (r) => showLoadingAnimationRequestIssues(r.body), handle: () => ({ status: 202, body: {} }) };
  }
  if (method === "GET" && path.startsWith("/v2/bot/profile/")) return { handle: handleProfile };
  return richMenuEndpoint(method, path);
}

// ---------------------------------------------------------------------------------------------
// Rich menus: create (checked against RichMenuRequest), list, image upload (a PNG or JPEG of the
// menu's size, at most 1 MB, once) and download, default, delete.

const RICH_MENU_ID = "[A-Za-z0-9-]+";
const MAX_RICH_MENU_IMAGE = 1024 * 1024;

function richMenuEndpoint(method: string, path: string): Endpoint | undefined {
  const id = (re: RegExp) => re.exec(path)?.[1];
  if (method === "POST" && path === "/v2/bot/richmenu") return { validate: (r) => richMenuRequestIssues(r.body), handle: handleCreateRichMenu };
  if (method === "GET" && path === "/v2/bot/richmenu/list") return { handle: (s) => ({ status: 200, body: { richmenus: [...s.richMenus.values()].map(richMenuResponse) } }) };
  if (method === "GET" && path === "/v2/bot/user/all/richmenu") {
    return { handle: (s) => (s.defaultRichMenuId ? { status: 200, body: { richMenuId: s.defaultRichMenuId } } : notFound()) };
  }
  const setDefault = id(new RegExp(`^/v2/bot/user/all/richmenu/(${RICH_MENU_ID})$`));
  if (method === "POST" && setDefault) {
    return {
      handle: (s) => {
        const menu = s.richMenus.get(setDefault);
        if (!menu) return notFound();
        if (!menu.image) return { status: 400, body: { message: "An image has not been uploaded to the rich menu" } };
        s.defaultRichMenuId = setDefault;
        return { status: 200, body: {} };
      },
    };
  }
  const content = id(new RegExp(`^/v2/bot/richmenu/(${RICH_MENU_ID})/content$`));
  if (content && method === "POST") return { validate: (r) => richMenuImageIssues(r), handle: (s, r) => handleRichMenuImage(s, r, content) };
  if (content && method === "GET") {
    return { handle: (s) => { const image = s.richMenus.get(content)?.image; return image ? { status: 200, body: image, headers: { "content-type": "image/png" } } : notFound(); } };
  }
  const one = id(new RegExp(`^/v2/bot/richmenu/(${RICH_MENU_ID})$`));
  if (one && method === "DELETE") {
    return {
      handle: (s) => {
        if (!s.richMenus.delete(one)) return notFound();
        if (s.defaultRichMenuId === one) s.defaultRichMenuId = null;
        return { status: 200, body: {} };
      },
    };
  }
  return undefined;
}

const notFound = (): Reply => ({ status: 404, body: { message: "Not found" } });

function richMenuResponse(m: FakeRichMenu) {
  return { richMenuId: m.richMenuId, ...m.request };
}

function handleCreateRichMenu(state: FakeState, request: RecordedRequest): Reply {
  const richMenuId = `richmenu-${randomBytes(16).toString("hex")}`;
  state.richMenus.set(richMenuId, { richMenuId, request: request.body as Record<string, unknown>, image: null });
  return { status: 200, body: { richMenuId } };
}

function richMenuImageIssues(request: RecordedRequest): SpecIssue[] {
  const type = header(request.headers, "content-type");
  if (type !== "image/png" && type !== "image/jpeg") return [{ path: "Content-Type", message: "must be image/png or image/jpeg" }];
  if (request.bytes.length > MAX_RICH_MENU_IMAGE) return [{ path: "$", message: `must be at most 1 MB, got ${request.bytes.length} bytes` }];
  if (type === "image/png" && !pngSize(request.bytes)) return [{ path: "$", message: "is not a PNG image" }];
  return [];
}

function handleRichMenuImage(state: FakeState, request: RecordedRequest, richMenuId: string): Reply {
  const menu = state.richMenus.get(richMenuId);
  if (!menu) return notFound();
  if (menu.image) return { status: 400, body: { message: "An image has already been uploaded to the richmenu" } };
  const size = pngSize(request.bytes);
  const wanted = menu.request.size as { width: number; height: number };
  if (size && (size.width !== wanted.width || size.height !== wanted.height)) {
    state.violations.push({ path: request.path, errors: [`image is ${size.width}x${size.height}, the rich menu ${wanted.width}x${wanted.height}`] });
    return { status: 400, body: { message: "Image size must match the rich menu size" } };
  }
  menu.image = request.bytes;
  return { status: 200, body: {} };
}

function requestIssues(
  validate: (request: RecordedRequest) => SpecIssue[],
  request: RecordedRequest,
  bodyIsJson: boolean,
): SpecIssue[] {
  return bodyIsJson ? validate(request) : [{ path: "$", message: "is not valid JSON" }];
}

/** The push endpoint's `X-Line-Retry-Key` header must be a UUID when present. */
function retryKeyIssues(headers: IncomingHttpHeaders): SpecIssue[] {
  const key = header(headers, "x-line-retry-key");
  return key === undefined || UUID.test(key) ? [] : [{ path: "X-Line-Retry-Key", message: "must be a UUID" }];
}

function checkAuthorization(state: FakeState, headers: IncomingHttpHeaders): Reply | undefined {
  const match = /^Bearer (\S+)$/.exec(headers.authorization ?? "");
  const expected = state.options.channelAccessToken;
  if (match && (expected === undefined || match[1] === expected)) return undefined;
  return {
    status: 401,
    body: { message: "Authentication failed. Confirm that the access token in the authorization header is valid." },
  };
}

function handleReply(state: FakeState, request: RecordedRequest): Reply {
  const body = request.body as { replyToken: string; messages: unknown[] };
  const issued = state.issuedTokens.get(body.replyToken);
  const lifetime = state.options.replyTokenLifetimeMs;
  const expired = issued !== undefined && lifetime !== undefined && Date.now() - issued.issuedAt > lifetime;
  if (state.usedTokens.has(body.replyToken) || expired) return { status: 400, body: { message: "Invalid reply token" } };
  state.usedTokens.add(body.replyToken);
  state.deliver({ userId: issued?.userId ?? null, via: "reply", replyToken: body.replyToken, messages: body.messages, at: Date.now() });
  return { status: 200, body: { sentMessages: state.sentMessages(body.messages.length) } };
}

function handlePush(state: FakeState, request: RecordedRequest): Reply {
  const body = request.body as { to: string; messages: unknown[] };
  const retryKey = header(request.headers, "x-line-retry-key");
  const accepted = retryKey === undefined ? undefined : state.acceptedRetryKeys.get(retryKey);
  if (accepted) {
    // LINE: the request with this key was already accepted; nothing is sent again.
    return {
      status: 409,
      headers: { "x-line-accepted-request-id": accepted.requestId },
      body: { message: "The retry key is already accepted", sentMessages: accepted.sentMessages },
    };
  }
  const sentMessages = state.sentMessages(body.messages.length);
  if (retryKey !== undefined) state.acceptedRetryKeys.set(retryKey, { requestId: randomUUID(), sentMessages });
  state.deliver({ userId: body.to, via: "push", messages: body.messages, at: Date.now() });
  return { status: 200, body: { sentMessages } };
}

function handleProfile(state: FakeState, request: RecordedRequest): Reply {
  const userId = decodeURIComponent(request.path.slice("/v2/bot/profile/".length));
  const profile = state.profiles.get(userId);
  if (!profile) return { status: 404, body: { message: "Not found" } };
  return { status: 200, body: { ...profile, userId, language: profile.language ?? "ja" } };
}

function badRequest(issues: SpecIssue[]): Reply {
  return {
    status: 400,
    body: {
      message: `The request body has ${issues.length} error(s)`,
      // LINE names the property without the JSONPath root: `messages[0].text`.
      details: issues.map((i) => ({ message: i.message, property: i.path.replace(/^\$\.?/, "") })),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// HTTP plumbing

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function parseJson(raw: string): { ok: true; value: unknown } | { ok: false } {
  if (raw === "") return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(raw) as unknown };
  } catch {
    return { ok: false };
  }
}

function send(res: ServerResponse, reply: Reply): void {
  const payload = Buffer.isBuffer(reply.body) ? reply.body : reply.body === undefined ? "" : JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    "content-type": "application/json",
    "x-line-request-id": randomUUID(),
    ...reply.headers,
  });
  res.end(payload);
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
