/**
 * No user id reaches the database: questions that mention someone are stored with the mention
 * masked. The rows are read straight from the SQLite file, every table, so nothing is missed.
 */

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createConversation } from '../../src/bot/conversation.ts';
import { maskMentions, maskUserIds } from '../../src/bot/privacy.ts';
import { createFeud, type Feud } from '../../src/core/feud.ts';
import { loadFacts } from '../../src/knowledge/load.ts';
import { silentLogger } from '../../src/log.ts';
import { openSqliteStore } from '../../src/store/sqlite.ts';
import { openConnection } from '../../src/store/sqlite-connection.ts';
import type { Store } from '../../src/store/store.ts';
import { testState } from '../helpers/state.ts';

let feud: Feud;
beforeAll(() => {
  feud = createFeud(loadFacts());
});

const opened: Store[] = [];
afterEach(async () => {
  for (const s of opened.splice(0)) await s.close();
});

/** Every value of every row of every table, as text. */
function everyStoredValue(dbPath: string): string[] {
  const db = openConnection(dbPath, { readonly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>;
    return tables.flatMap(({ name }) =>
      (db.prepare(`SELECT * FROM "${name}"`).all() as Array<Record<string, unknown>>).flatMap((row) => Object.values(row).map(String)),
    );
  } finally {
    db.close();
  }
}

describe('maskMentions', () => {
  it.each([
    ['what does <@U0123ABCD> think', 'what does @someone think'],
    ['what does <@U0123ABCD|alice> think', 'what does @someone think'],
    ['ask <!subteam^S0DEVS|@devs> about Stargate', 'ask @someone about Stargate'],
    ['did <@123456789012345678> or <@!123456789012345678> or <@&987654321098765432> say so', 'did @someone or @someone or @someone say so'],
    ['what does @U0123ABCD think', 'what does @someone think'],
    ['what does @W0123ABCD think', 'what does @someone think'],
    ['did @alice.kim ask about Musk', 'did @someone ask about Musk'],
    ['@123456789012345678 who founded OpenAI', '@someone who founded OpenAI'],
  ])('%j → %j', (typed, kept) => {
    expect(maskMentions(typed)).toBe(kept);
  });

  it('leaves e-mail addresses and @channel alone, and questions without mentions as they are', () => {
    expect(maskMentions('mail sam@openai.com about @here')).toBe('mail sam@openai.com about @here');
    expect(maskMentions('오픈AI는 누가 설립했어?')).toBe('오픈AI는 누가 설립했어?');
  });
});

describe('maskUserIds', () => {
  it('masks Slack user ids in request bodies and messages, and leaves words, channels and teams', () => {
    expect(maskUserIds('http request body: {"user":"U0123ABCD","channel":"C0GENERAL","team":"T0TEST"}')).toBe(
      'http request body: {"user":"[user]","channel":"C0GENERAL","team":"T0TEST"}',
    );
    expect(maskUserIds('users.info for W01ABCDEFGH failed; UNDEFINED')).toBe('users.info for [user] failed; UNDEFINED');
  });
});

describe('the unanswered-questions log', () => {
  it('stores a question that mentions someone without their id, in the text or the normalised form', async () => {
    const dbPath = join(mkdtempSync(join(tmpdir(), 'feud-privacy-')), 'feud.db');
    const store = await openSqliteStore(dbPath);
    opened.push(store);
    const state = testState(store);
    const conversation = createConversation({ feud, ...state, logger: silentLogger, limits: { userCooldownSeconds: 0, channelAnswersPerMinute: 0 } });
    // what each adapter hands over: Slack's <@U…> arrives unwrapped as @U…, Discord's raw markup may remain
    const asked = [
      { platform: 'slack' as const, text: 'what does @U0123ABCD think about his salary' },
      { platform: 'slack' as const, text: 'is <@W0456EFGH|bob> paid more than Altman' },
      { platform: 'discord' as const, text: 'what does <@!123456789012345678> earn in a year' },
      { platform: 'discord' as const, text: 'did @987654321098765432 buy a yacht' },
    ];
    for (const { platform, text } of asked) {
      const reply = await conversation.handle({ platform, channelId: 'C0PRIV', userId: 'U0ASKER01', text, via: 'command' });
      expect(reply?.kind).toBe('abstain');
    }
    await state.curation.close();
    await store.close();

    const values = everyStoredValue(dbPath);
    const ids = /U0123ABCD|W0456EFGH|123456789012345678|987654321098765432|u0123abcd|w0456efgh|U0ASKER01|\bbob\b/i;
    expect(values.filter((v) => ids.test(v))).toEqual([]);
    // the questions themselves are kept for curators, with the mention masked
    expect(values).toContain('what does @someone think about his salary');
  });
});
