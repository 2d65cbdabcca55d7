// The やさしい日本語 rules live in src/i18n/easyJapanese.ts (publishing checks them too).
export * from "../src/i18n/easyJapanese.ts";
