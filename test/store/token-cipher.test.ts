import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createTokenCipher, parseEncryptionKey, SealError } from '../../src/store/token-cipher.ts';

const key = randomBytes(32);
const TOKEN = 'xoxb-1111-2222-secret-token';

describe('token cipher (AES-256-GCM)', () => {
  it('opens what it sealed, and the sealed text holds no trace of the token', () => {
    const cipher = createTokenCipher(key);
    const sealed = cipher.seal(TOKEN, 'slack T1');
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain('xoxb');
    expect(Buffer.from(sealed.split('.')[2]!, 'base64url').toString('latin1')).not.toContain('xoxb');
    expect(cipher.open(sealed, 'slack T1')).toBe(TOKEN);
    // a fresh IV every time
    expect(cipher.seal(TOKEN, 'slack T1')).not.toBe(sealed);
  });

  it('refuses another key, another row, and any altered byte', () => {
    const cipher = createTokenCipher(key);
    const sealed = cipher.seal(TOKEN, 'slack T1');
    expect(() => createTokenCipher(randomBytes(32)).open(sealed, 'slack T1')).toThrow(SealError);
    expect(() => cipher.open(sealed, 'slack T2')).toThrow(SealError);
    const [v, iv, body, tag] = sealed.split('.') as [string, string, string, string];
    const flipped = Buffer.from(body, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => cipher.open([v, iv, flipped.toString('base64url'), tag].join('.'), 'slack T1')).toThrow(SealError);
    expect(() => cipher.open('plain-text', 'slack T1')).toThrow(SealError);
  });

  it('takes 32 bytes of base64 (standard or URL-safe, padded or not) and says what is wrong otherwise, never echoing it', () => {
    const text = key.toString('base64');
    expect(parseEncryptionKey(text)).toEqual({ ok: true, key });
    expect(parseEncryptionKey(key.toString('base64url'))).toEqual({ ok: true, key });
    expect(parseEncryptionKey(`  ${text}\n`)).toEqual({ ok: true, key });
    const short = parseEncryptionKey(randomBytes(16).toString('base64'));
    expect(short).toEqual({ ok: false, reason: expect.stringMatching(/expected 32 random bytes in base64.*this is 16 bytes/) });
    const notBase64 = parseEncryptionKey('correct horse battery staple');
    expect(notBase64).toEqual({ ok: false, reason: expect.stringMatching(/this is not base64/) });
    expect(JSON.stringify(notBase64)).not.toContain('horse');
    // a hex key of 64 characters decodes to 48 bytes: refused rather than silently used
    expect(parseEncryptionKey(key.toString('hex'))).toMatchObject({ ok: false, reason: expect.stringMatching(/48 bytes/) });
  });
});
