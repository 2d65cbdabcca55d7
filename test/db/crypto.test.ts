import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSealer, loadDataKey } from "../../src/db/crypto.ts";

describe("createSealer", () => {
  const sealer = createSealer(randomBytes(32));

  it("round-trips text, including Japanese, emoji and the empty string", () => {
    for (const text of ["", "hello", "家賃が払えなくて困っています", "😢👨‍👩‍👧 ありがとう", "a".repeat(10_000)]) {
      const sealed = sealer.seal(text);
      expect(sealed.startsWith("v1:")).toBe(true);
      expect(sealer.open(sealed)).toBe(text);
    }
  });

  it("never yields the same ciphertext twice (random IV) and hides the plaintext", () => {
    const a = sealer.seal("同じ文");
    expect(a).not.toBe(sealer.seal("同じ文"));
    expect(Buffer.from(a.slice(3), "base64").toString("utf8")).not.toContain("同じ文");
  });

  it("round-trips JSON", () => {
    const value = { step: "housing", answers: ["はい", 3, null], nested: { ok: true } };
    expect(sealer.openJson<typeof value>(sealer.sealJson(value))).toEqual(value);
  });

  it("throws on tampered data, a wrong key or an unknown format, without echoing content", () => {
    const sealed = sealer.seal("秘密の相談");
    const raw = Buffer.from(sealed.slice(3), "base64");
    for (const index of [0, 13, 30, raw.length - 1]) {
      const copy = Buffer.from(raw);
      copy[index]! ^= 0x01;
      expect(() => sealer.open(`v1:${copy.toString("base64")}`)).toThrow(/tampered/);
    }
    expect(() => createSealer(randomBytes(32)).open(sealed)).toThrow(/wrong key/);
    expect(() => sealer.open("秘密の相談")).toThrow(/unknown format/);
    expect(() => sealer.open("v1:AAAA")).toThrow();
    try {
      sealer.open("v2:秘密");
    } catch (error) {
      expect((error as Error).message).not.toContain("秘密");
    }
  });

  it("rejects a key that is not 32 bytes", () => {
    expect(() => createSealer(randomBytes(16))).toThrow(/32 bytes/);
  });
});

describe("loadDataKey", () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "tsunagu-key-"));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it("creates <dataDir>/data.key with mode 0600 and reuses it", async () => {
    const key = loadDataKey({ dataDir });
    expect(key).toHaveLength(32);
    const file = join(dataDir, "data.key");
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(Buffer.from((await readFile(file, "utf8")).trim(), "base64").equals(key)).toBe(true);
    expect(loadDataKey({ dataDir }).equals(key)).toBe(true);
  });

  it("creates a missing data directory", async () => {
    const nested = join(dataDir, "a", "b");
    expect(loadDataKey({ dataDir: nested })).toHaveLength(32);
  });

  it("prefers DATA_ENCRYPTION_KEY and writes no key file then", async () => {
    const envKey = randomBytes(32).toString("base64");
    expect(loadDataKey({ envKey, dataDir }).toString("base64")).toBe(envKey);
    await expect(stat(join(dataDir, "data.key"))).rejects.toThrow();
  });

  it("rejects a DATA_ENCRYPTION_KEY that is not 32 bytes of base64", () => {
    for (const envKey of [randomBytes(16).toString("base64"), "not base64 at all!!", randomBytes(33).toString("base64")]) {
      expect(() => loadDataKey({ envKey, dataDir })).toThrow("DATA_ENCRYPTION_KEY must be 32 bytes in base64");
    }
  });

  it("a key file sealer opens what an earlier process sealed", () => {
    const sealed = createSealer(loadDataKey({ dataDir })).seal("再起動しても読める");
    expect(createSealer(loadDataKey({ dataDir })).open(sealed)).toBe("再起動しても読める");
  });
});
