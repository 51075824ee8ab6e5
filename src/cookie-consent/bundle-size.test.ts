import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { cookieConsentMessages } from './cookie-consent.messages.en.js';

const assets = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'http', 'assets');
const brotli = (content: string | Buffer) => zlib.brotliCompressSync(content, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const read = (name: string) => fs.readFileSync(path.join(assets, name));

/** Every visitor pays for the stub; only visitors without a choice pay for the banner. */
describe('consent script budget (brotli)', () => {
  it('keeps the head stub within 1.5 KB', () => {
    expect(brotli(read('consent-stub.js'))).toBeLessThanOrEqual(1536);
  });

  it('keeps the banner script, its style and one locale\'s strings within 8 KB together', () => {
    const bundle = Buffer.concat([read('consent-banner.js'), read('consent-banner.css'), Buffer.from(JSON.stringify(cookieConsentMessages))]);
    expect(brotli(bundle)).toBeLessThanOrEqual(8192);
  });
});
