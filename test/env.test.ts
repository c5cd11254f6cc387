/** The environment is read in one place (src/env.ts), so every variable the bot reads is one a reader can find. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { knowledgeDirFromEnv } from '../src/env.ts';

const ROOT = join(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('reading the environment', () => {
  it('happens in src/env.ts alone, in src/ and adapters/', () => {
    const readers = [...sourceFiles('src'), ...sourceFiles('adapters')].filter((file) =>
      // a mention in a comment is not a read
      readFileSync(join(ROOT, file), 'utf8')
        .split('\n')
        .some((line) => /process\.(env\b|loadEnvFile)/.test(line.replace(/\/\/.*|^\s*\*.*/, ''))),
    );
    expect(readers).toEqual(['src/env.ts']);
  });

  it('takes a blank FEUD_KNOWLEDGE_DIR as unset, as the configuration does', () => {
    expect(knowledgeDirFromEnv({})).toBeUndefined();
    expect(knowledgeDirFromEnv({ FEUD_KNOWLEDGE_DIR: '  ' })).toBeUndefined();
    expect(knowledgeDirFromEnv({ FEUD_KNOWLEDGE_DIR: './my-facts' })).toBe('./my-facts');
  });
});
