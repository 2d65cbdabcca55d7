// Encryption at rest for what residents say (columns named *Enc). AES-256-GCM authenticates as
// well as encrypts, so an edited row fails loudly instead of decrypting to garbage.
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createCipheriv, createDecipheriv, createSecretKey, randomBytes } from "node:crypto";
import { join } from "node:path";

const KEY_BYTES = 32;
const IV_BYTES = 12; // the GCM standard nonce size
const TAG_BYTES = 16;
const PREFIX = "v1:"; // lets a later key or algorithm change coexist with old rows

export type Sealer = {
  seal(plain: string): string;
  open(sealed: string): string;
  sealJson(value: unknown): string;
  openJson<T>(sealed: string): T;
};

// Strict base64 of exactly 32 bytes: Buffer.from() silently ignores junk, so re-encode and compare.
function decodeKey(text: string): Buffer | null {
  const compact = text.replace(/\s+/g, "");
  const key = Buffer.from(compact, "base64");
  if (key.length !== KEY_BYTES || key.toString("base64") !== compact) return null;
  return key;
}

/**
 * The data key: from DATA_ENCRYPTION_KEY when given (deployments keep it outside the data
 * directory), else `<dataDir>/data.key`, created on first use readable by the owner only.
 */
export function loadDataKey(opts: { envKey?: string; dataDir: string }): Buffer {
  if (opts.envKey !== undefined && opts.envKey.trim() !== "") {
    const key = decodeKey(opts.envKey);
    if (!key) throw new Error("DATA_ENCRYPTION_KEY must be 32 bytes in base64");
    return key;
  }
  const file = join(opts.dataDir, "data.key");
  mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
  try {
    // "wx": two processes starting together must not each write their own key.
    writeFileSync(file, `${randomBytes(KEY_BYTES).toString("base64")}\n`, { flag: "wx", mode: 0o600 });
    chmodSync(file, 0o600); // in case a umask widened it
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  const key = decodeKey(readFileSync(file, "utf8"));
  if (!key) throw new Error(`The key file ${file} is not 32 bytes in base64`);
  return key;
}

export function createSealer(key: Buffer): Sealer {
  if (key.length !== KEY_BYTES) throw new Error("The data key must be 32 bytes");
  // Imported once: a raw Buffer would be imported again on every call.
  const keyObject = createSecretKey(key);

  const seal = (plain: string): string => {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", keyObject, iv);
    const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
    return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64");
  };

  const open = (sealed: string): string => {
    // One message for every failure, and never any of the content.
    const fail = () => new Error("Cannot open sealed value: wrong key, unknown format or tampered data");
    if (!sealed.startsWith(PREFIX)) throw fail();
    const raw = Buffer.from(sealed.slice(PREFIX.length), "base64");
    if (raw.length < IV_BYTES + TAG_BYTES) throw fail();
    try {
      const decipher = createDecipheriv("aes-256-gcm", keyObject, raw.subarray(0, IV_BYTES));
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
    } catch {
      throw fail();
    }
  };

  return {
    seal,
    open,
    sealJson: (value) => {
      const text = JSON.stringify(value);
      if (text === undefined) throw new Error("sealJson needs a JSON-serialisable value");
      return seal(text);
    },
    openJson: <T>(sealed: string) => JSON.parse(open(sealed)) as T,
  };
}
