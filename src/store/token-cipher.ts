/**
 * Secrets at rest (the bot tokens of each installed workspace): AES-256-GCM from node:crypto with a
 * 32-byte key (FEUD_ENCRYPTION_KEY, `openssl rand -base64 32`). Each seal has a fresh 96-bit IV
 * and is bound to what it belongs to (the additional authenticated data, e.g. the workspace), so a
 * sealed value copied onto another row, or altered, does not open.
 *
 * Sealed text: `v1.<iv>.<ciphertext>.<tag>`, each part base64url.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const VERSION = 'v1';

export interface TokenCipher {
  seal(plaintext: string, boundTo: string): string;
  /** Throws SealError when the text was not sealed with this key for `boundTo`, or was altered. */
  open(sealed: string, boundTo: string): string;
}

export class SealError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SealError';
  }
}

/**
 * The key from its base64 text, or why it cannot be one (never echoing the text: it is a secret).
 * Standard or URL-safe base64, padding optional; exactly 32 bytes.
 */
export function parseEncryptionKey(text: string): { ok: true; key: Buffer } | { ok: false; reason: string } {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed) || trimmed.replace(/=+$/, '').length % 4 === 1) {
    return { ok: false, reason: `expected ${KEY_BYTES} random bytes in base64, as \`openssl rand -base64 32\` prints them; this is not base64` };
  }
  const key = Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (key.length !== KEY_BYTES) {
    return { ok: false, reason: `expected ${KEY_BYTES} random bytes in base64, as \`openssl rand -base64 32\` prints them; this is ${key.length} bytes` };
  }
  return { ok: true, key };
}

export function createTokenCipher(key: Buffer): TokenCipher {
  if (key.length !== KEY_BYTES) throw new Error(`an AES-256-GCM key is ${KEY_BYTES} bytes, not ${key.length}`);
  const secret = Buffer.from(key);
  return {
    seal(plaintext, boundTo) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', secret, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(boundTo, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [VERSION, iv, body, cipher.getAuthTag()].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
    },
    open(sealed, boundTo) {
      const parts = sealed.split('.');
      if (parts.length !== 4 || parts[0] !== VERSION) throw new SealError('not a sealed value of this version');
      const [iv, body, tag] = parts.slice(1).map((part) => Buffer.from(part, 'base64url')) as [Buffer, Buffer, Buffer];
      if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SealError('a sealed value with a damaged IV or tag');
      try {
        const decipher = createDecipheriv('aes-256-gcm', secret, iv, { authTagLength: TAG_BYTES });
        decipher.setAAD(Buffer.from(boundTo, 'utf8'));
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
      } catch {
        throw new SealError('does not open with this key (another FEUD_ENCRYPTION_KEY, another row, or altered)');
      }
    },
  };
}
