// The resident's row and open conversation in one statement (src/engine/residentState.ts): it
// writes only when there is something to set, as Prisma's upsert did.
import { describe, expect, it } from "vitest";
import { loadResidentState } from "../../src/engine/residentState.ts";
import { useMigratedDatabase } from "../support/migratedDatabase.ts";
import { newUserId } from "../support/webhook.ts";

describe("loadResidentState", { timeout: 120_000 }, () => {
  const t = useMigratedDatabase();

  const at = (iso: string) => new Date(iso);

  it("when a resident writes for the first time, then the row is made with the profile's language, and later events without news leave it untouched", async () => {
    const u = newUserId();
    const first = await loadResidentState(t.db.prisma, { lineUserId: u, followed: null, profileLanguage: "en", now: at("2026-12-01T00:00:00Z") });
    expect(first).toEqual({ profileLanguage: "en", conversation: null });
    const next = await loadResidentState(t.db.prisma, { lineUserId: u, followed: null, profileLanguage: null, now: at("2026-12-02T00:00:00Z") });
    expect(next.profileLanguage).toBe("en");
    const row = await t.db.prisma.resident.findUniqueOrThrow({ where: { lineUserId: u } });
    expect(row).toMatchObject({ followed: true, profileLanguage: "en", updatedAt: at("2026-12-01T00:00:00Z") });
  });

  it("when a resident unfollows and follows again, then followed follows, and a new profile language replaces the old", async () => {
    const u = newUserId();
    await loadResidentState(t.db.prisma, { lineUserId: u, followed: false, profileLanguage: null, now: at("2026-12-01T00:00:00Z") });
    expect((await t.db.prisma.resident.findUniqueOrThrow({ where: { lineUserId: u } })).followed).toBe(false);
    const back = await loadResidentState(t.db.prisma, { lineUserId: u, followed: true, profileLanguage: "vi", now: at("2026-12-03T00:00:00Z") });
    expect(back.profileLanguage).toBe("vi");
    expect(await t.db.prisma.resident.findUniqueOrThrow({ where: { lineUserId: u } })).toMatchObject({ followed: true, profileLanguage: "vi", updatedAt: at("2026-12-03T00:00:00Z") });
  });

  it("when a resident has conversations, then the newest active or paused one comes back, never a completed one", async () => {
    const u = newUserId();
    const base = { lineUserId: u, flowId: "intake", flowVersion: 3, snapshotEnc: "sealed" };
    await t.db.prisma.conversation.create({ data: { ...base, status: "completed", createdAt: at("2026-12-03T00:00:00Z") } });
    expect((await loadResidentState(t.db.prisma, { lineUserId: u, followed: null, profileLanguage: null, now: new Date() })).conversation).toBeNull();
    await t.db.prisma.conversation.create({ data: { ...base, status: "active", createdAt: at("2026-11-01T00:00:00Z") } });
    const paused = await t.db.prisma.conversation.create({ data: { ...base, status: "paused", language: "ne", createdAt: at("2026-11-02T00:00:00Z"), lastActivityAt: at("2026-11-02T01:00:00Z") } });
    const { conversation } = await loadResidentState(t.db.prisma, { lineUserId: u, followed: null, profileLanguage: null, now: new Date() });
    expect(conversation).toEqual({ id: paused.id, status: "paused", flowId: "intake", flowVersion: 3, snapshotEnc: "sealed", language: "ne", lastActivityAt: at("2026-11-02T01:00:00Z") });
  });
});
