// The LINE rich menu: four buttons (src/conversation/menuActions.ts: start or resume, change
// language, my case's status, call me back) as postbacks, over an image drawn here at start (a
// 2×2 grid of coloured tiles with a pictogram each; no text in the image: every language reads
// the same picture, and the area labels, for screen readers, come from the Japanese texts).
//
// Set up when the server starts with LINE credentials, and idempotent: the menu's name carries a
// hash of its definition and image, so a start finds the menu it made before (by name and size)
// instead of making another; the image is uploaded if the menu has none yet (a start that stopped
// half-way), the menu is made the default if it is not, and older menus of ours are removed.
import { createHash } from "node:crypto";
import { HTTPFetchError, messagingApi } from "@line/bot-sdk";
import { MENU_ITEMS, menuLabelKey, menuPostback, type MenuItem } from "../conversation/menuActions.ts";
import type { Tx } from "../i18n/openingHours.ts";
import { log } from "../log.ts";
import { withDeadline } from "./gateway.ts";
import { encodePng } from "./png.ts";

/** 1200×810: an allowed rich menu size (width 800–2500, height ≥ 250, width/height ≥ 1.45). */
export const RICH_MENU_SIZE = { width: 1200, height: 810 } as const;
const CELL = { width: RICH_MENU_SIZE.width / 2, height: RICH_MENU_SIZE.height / 2 };
/** Names of the menus this application makes start with this. */
export const RICH_MENU_NAME_PREFIX = "tsunagu-menu-";

/** Where each button sits: left to right, top to bottom, in MENU_ITEMS order. */
const cellOf = (i: number) => ({ x: (i % 2) * CELL.width, y: Math.floor(i / 2) * CELL.height });

/** The rich menu object without its name (the name is the hash of this and the image). */
export function richMenuBody(ja: Tx): Omit<messagingApi.RichMenuRequest, "name"> {
  return {
    size: { ...RICH_MENU_SIZE },
    selected: true,
    chatBarText: ja("menu.chatBar"),
    areas: MENU_ITEMS.map((item, i) => ({
      bounds: { ...cellOf(i), ...CELL },
      action: { type: "postback", label: ja(menuLabelKey(item)), data: JSON.stringify(menuPostback(item)) },
    })),
  };
}

type Rgb = readonly [number, number, number];
const WHITE: Rgb = [255, 255, 255];
/** Each button's colour (the simulator draws the same). */
export const MENU_COLOURS: Record<MenuItem, Rgb> = { start: [6, 199, 85], language: [47, 111, 219], status: [232, 131, 58], callback: [123, 79, 201] };

/** Whether a point (relative to the tile's centre, in a 200-unit box) is on the button's pictogram. */
const PICTOGRAMS: Record<MenuItem, (x: number, y: number) => boolean> = {
  // a "play" triangle
  start: (x, y) => x >= -60 && x <= 80 && Math.abs(y) <= (80 - x) * 0.57,
  // a globe: a ring with its equator and meridian
  language: (x, y) => {
    const r = Math.hypot(x, y);
    return (r <= 90 && r >= 76) || (r <= 90 && (Math.abs(y) <= 6 || Math.abs(x) <= 6)) || (r <= 90 && Math.abs(Math.hypot(x * 2, y) - 90) <= 8);
  },
  // a sheet with lines: where the case stands
  status: (x, y) => {
    const inSheet = Math.abs(x) <= 65 && Math.abs(y) <= 90;
    const border = inSheet && (Math.abs(x) >= 53 || Math.abs(y) >= 78);
    const line = Math.abs(x) <= 38 && [-40, 0, 40].some((l) => Math.abs(y - l) <= 6);
    return border || line;
  },
  // a phone: its body around a screen, and a button below it
  callback: (x, y) => {
    const body = Math.abs(x) <= 50 && Math.abs(y) <= 90;
    const screen = Math.abs(x) <= 38 && y >= -75 && y <= 50;
    const button = Math.hypot(x, y - 70) <= 9;
    return body && !screen && !button;
  },
};

let drawn: Buffer | null = null;

/** The menu's image: a PNG of RICH_MENU_SIZE, the same at every start (drawn once per process). */
export function richMenuImage(): Buffer {
  drawn ??= drawImage();
  return drawn;
}

function drawImage(): Buffer {
  const scale = 200 / CELL.height; // pictograms are drawn in a 200-unit box, the tile's height
  return encodePng(RICH_MENU_SIZE.width, RICH_MENU_SIZE.height, (x, y) => {
    const col = Math.floor(x / CELL.width);
    const row = Math.floor(y / CELL.height);
    const item = MENU_ITEMS[row * 2 + col]!;
    const lx = x - col * CELL.width;
    const ly = y - row * CELL.height;
    // a thin white gap between the tiles
    if (lx < 3 || ly < 3 || lx >= CELL.width - 3 || ly >= CELL.height - 3) return WHITE;
    const on = PICTOGRAMS[item]((lx - CELL.width / 2) * scale, (ly - CELL.height / 2) * scale * 1.15);
    return on ? WHITE : MENU_COLOURS[item];
  });
}

export interface RichMenuApi {
  client: messagingApi.MessagingApiClient;
  blob: messagingApi.MessagingApiBlobClient;
  timeoutMs: number;
}

export function richMenuApi(o: { channelAccessToken: string; baseURL: string; dataBaseURL: string; timeoutMs: number }): RichMenuApi {
  return {
    client: new messagingApi.MessagingApiClient({ channelAccessToken: o.channelAccessToken, baseURL: o.baseURL }),
    blob: new messagingApi.MessagingApiBlobClient({ channelAccessToken: o.channelAccessToken, baseURL: o.dataBaseURL }),
    timeoutMs: o.timeoutMs,
  };
}

const notFound = (err: unknown) => err instanceof HTTPFetchError && err.status === 404;

/** Makes sure LINE shows our menu to everyone; returns its id and whether it was made now. */
export async function ensureRichMenu(api: RichMenuApi, ja: Tx): Promise<{ richMenuId: string; created: boolean }> {
  const call = <T>(p: Promise<T>) => withDeadline(p, api.timeoutMs);
  const body = richMenuBody(ja);
  const image = richMenuImage();
  const name = RICH_MENU_NAME_PREFIX + createHash("sha256").update(JSON.stringify(body)).update(image).digest("hex").slice(0, 16);

  const { richmenus } = await call(api.client.getRichMenuList());
  const found = richmenus.find((m) => m.name === name && m.size.width === RICH_MENU_SIZE.width && m.size.height === RICH_MENU_SIZE.height);
  const richMenuId = found?.richMenuId ?? (await call(api.client.createRichMenu({ ...body, name }))).richMenuId;
  if (!found || !(await hasImage(api, richMenuId))) await call(api.blob.setRichMenuImage(richMenuId, new Blob([new Uint8Array(image)], { type: "image/png" })));
  const current = await call(api.client.getDefaultRichMenuId()).then((r) => r.richMenuId, (err: unknown) => (notFound(err) ? null : Promise.reject(err)));
  if (current !== richMenuId) await call(api.client.setDefaultRichMenu(richMenuId));
  // Menus an earlier version of ours made: no longer shown, so removed (LINE keeps up to 1000).
  for (const old of richmenus.filter((m) => m.name.startsWith(RICH_MENU_NAME_PREFIX) && m.richMenuId !== richMenuId)) {
    await call(api.client.deleteRichMenu(old.richMenuId)).catch((err: unknown) => log.warn("old rich menu not removed", { status: (err as { status?: number }).status ?? null }));
  }
  return { richMenuId, created: !found };
}

async function hasImage(api: RichMenuApi, richMenuId: string): Promise<boolean> {
  try {
    const res = await withDeadline(api.blob.getRichMenuImageWithHttpInfo(richMenuId), api.timeoutMs);
    res.body.destroy(); // only whether it is there matters
    return true;
  } catch (err) {
    if (notFound(err)) return false;
    throw err;
  }
}
