// The LINE rich menu: made at start through the Messaging API (checked by the fake LINE API
// against LINE's OpenAPI spec and documented limits), once — a second start finds it — and its
// four buttons through /webhook: start or resume, change language, my case's status, call me back.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MENU_ITEMS, menuPostback } from "../../src/conversation/menuActions.ts";
import { pngSize } from "../../src/line/png.ts";
import { RICH_MENU_NAME_PREFIX, RICH_MENU_SIZE } from "../../src/line/richMenu.ts";
import { Resident, startTestSystem, type TestSystem } from "../support/testServer.ts";

let sys: TestSystem;

beforeAll(async () => {
  sys = await startTestSystem({ env: { LINE_RICH_MENU: "true" } });
});
afterAll(async () => {
  await sys?.stop();
});

const texts = (messages: unknown[]) => messages.map((m) => (m as { text?: string }).text ?? "").join("\n");
const calls = (method: string, path: RegExp) => sys.fake.requests.filter((r) => r.method === method && path.test(r.path)).length;

async function completeSkipping(r: Resident, lang: string): Promise<string> {
  await r.follow();
  await r.answer("language", lang);
  for (let i = 0; i < 120 && r.currentQuestion() && r.currentQuestion() !== "summary"; i++) await r.skip(r.currentQuestion()!);
  await r.answer("summary", true);
  const row = await sys.server.db.prisma.referral.findFirstOrThrow({ where: { lineUserId: r.userId } });
  return row.referenceNo;
}

describe("the rich menu at start", () => {
  it("when the server starts with LINE credentials, then one menu of four postback areas is made, its PNG uploaded and set as the default, as LINE's spec allows", () => {
    expect(sys.fake.violations).toEqual([]);
    const menus = [...sys.fake.richMenus.values()];
    expect(menus).toHaveLength(1);
    const menu = menus[0]!;
    expect(sys.fake.defaultRichMenuId).toBe(menu.richMenuId);
    expect(menu.request).toMatchObject({ size: RICH_MENU_SIZE, selected: true, name: expect.stringMatching(new RegExp(`^${RICH_MENU_NAME_PREFIX}`)) });
    const areas = menu.request.areas as { action: { type: string; data: string; label: string } }[];
    expect(areas.map((a) => JSON.parse(a.action.data))).toEqual(MENU_ITEMS.map(menuPostback));
    expect(areas.every((a) => a.action.type === "postback" && a.action.label.length > 0)).toBe(true);
    expect(pngSize(menu.image!)).toEqual(RICH_MENU_SIZE);
  });

  it("when LINE_RICH_MENU is false, then the server leaves the channel's rich menus alone", async () => {
    const before = sys.fake.requests.length;
    await sys.restart({ env: { LINE_RICH_MENU: "false" } });
    expect(sys.fake.requests.slice(before).filter((r) => r.path.includes("richmenu"))).toEqual([]);
    await sys.restart();
  });

  it("when the server starts again, then it finds its menu and makes, uploads and sets nothing again; a menu an older version made is removed, others are kept", async () => {
    const [menu] = [...sys.fake.richMenus.values()];
    sys.fake.richMenus.set("richmenu-old", { richMenuId: "richmenu-old", request: { name: `${RICH_MENU_NAME_PREFIX}0000`, size: RICH_MENU_SIZE }, image: null });
    sys.fake.richMenus.set("richmenu-campaign", { richMenuId: "richmenu-campaign", request: { name: "campaign", size: RICH_MENU_SIZE }, image: null });
    const before = { create: calls("POST", /^\/v2\/bot\/richmenu$/), upload: calls("POST", /\/content$/), setDefault: calls("POST", /^\/v2\/bot\/user\/all\/richmenu\//) };
    await sys.restart();
    expect(calls("POST", /^\/v2\/bot\/richmenu$/)).toBe(before.create);
    expect(calls("POST", /\/content$/)).toBe(before.upload);
    expect(calls("POST", /^\/v2\/bot\/user\/all\/richmenu\//)).toBe(before.setDefault);
    expect([...sys.fake.richMenus.keys()].sort()).toEqual([menu!.richMenuId, "richmenu-campaign"].sort());
    expect(sys.fake.defaultRichMenuId).toBe(menu!.richMenuId);
    expect(sys.fake.violations).toEqual([]);
  });

  it("when a start stopped before the image was uploaded, then the next start uploads it and sets the menu as default", async () => {
    const [menu] = [...sys.fake.richMenus.values()].filter((m) => m.request.name !== "campaign");
    menu!.image = null;
    sys.fake.defaultRichMenuId = null;
    await sys.restart();
    expect(pngSize(sys.fake.richMenus.get(menu!.richMenuId)!.image!)).toEqual(RICH_MENU_SIZE);
    expect(sys.fake.defaultRichMenuId).toBe(menu!.richMenuId);
  });
});

describe("the rich menu's buttons through /webhook", () => {
  it("when a new resident taps start, then the consultation starts; mid-intake, start asks the open question again", async () => {
    const r = new Resident(sys);
    await r.postback(menuPostback("start"));
    expect(r.currentQuestion()).toBe("language");
    await r.answer("language", "en");
    const open = r.currentQuestion();
    expect(open).not.toBe("language");
    await r.postback(menuPostback("start"));
    expect(r.currentQuestion()).toBe(open);
  });

  it("when a resident mid-intake taps change language, then every other language is offered, and choosing one goes on in it", async () => {
    const r = new Resident(sys);
    await r.follow();
    await r.answer("language", "ja");
    const open = r.currentQuestion();
    await r.postback(menuPostback("language"));
    const offered = r.lastPostbacks().map((p) => p.data);
    expect(offered.length).toBe(sys.server.deps.locales.languages.length - 1);
    expect(offered.every((d) => d.op === "lang" && d.v !== "ja")).toBe(true);
    await r.tap((d) => d.op === "lang" && d.v === "en");
    expect(r.currentQuestion()).toBe(open);
    expect(texts(r.lastMessages())).toMatch(/English/);
  });

  it("when a resident without a case taps status or call me back, then they are told there is none yet / to finish the intake first", async () => {
    const r = new Resident(sys);
    expect(texts(await r.postback(menuPostback("status")))).toContain("まだ相談の記録がありません");
    expect(texts(await r.postback(menuPostback("callback")))).toContain("先に相談を終えてください");
    expect(r.lastPostbacks().map((p) => p.data)).toEqual([menuPostback("start")]);
  });

  it("when a resident with a case taps status, then its number and status come in their language, and after changing the language, in the new one", async () => {
    const r = new Resident(sys);
    const ref = await completeSkipping(r, "en");
    const status = texts(await r.postback(menuPostback("status")));
    expect(status).toContain(`Consultation ${ref}: Received; waiting for a staff member.`);
    await r.postback(menuPostback("language"));
    await r.tap((d) => d.op === "lang" && d.v === "vi");
    expect(texts(await r.postback(menuPostback("status")))).toContain(ref);
    expect(texts(r.lastMessages())).not.toContain("Consultation");
  });

  it("when a resident with a case taps call me back and chooses a time, then the referral's timeline has the request and the resident is told", async () => {
    const r = new Resident(sys);
    await completeSkipping(r, "ja");
    await r.postback(menuPostback("callback"));
    expect(r.lastPostbacks().map((p) => p.data.v)).toEqual(["today", "tomorrow_am", "tomorrow_pm", "any"]);
    const done = texts(await r.tap((d) => d.op === "callback" && d.v === "tomorrow_pm"));
    expect(done).toContain("明日の午後");
    const referral = await sys.server.db.prisma.referral.findFirstOrThrow({ where: { lineUserId: r.userId } });
    const events = await sys.server.db.prisma.referralEvent.findMany({ where: { referralId: referral.id, actor: "resident" } });
    expect(events.map((e) => e.reason)).toEqual(["callback requested: tomorrow_pm"]);
    expect(sys.fake.violations).toEqual([]);
  });
});
