import { describe, expect, it } from 'vitest';
import { createConversation } from '../../src/bot/conversation.ts';
import { createFeud } from '../../src/core/feud.ts';
import { renderText } from '../../src/core/render-text.ts';
import { loadFacts } from '../../src/knowledge/load.ts';
import { silentLogger } from '../../src/log.ts';
import { runTsx } from '../helpers/spawn.ts';
import { testState } from '../helpers/state.ts';

describe('feud CLI', () => {
  it('answers questions from stdin as one JSON line each, in order', async () => {
    const input = ['who founded OpenAI', '오픈AI는 누가 설립했어?', "what's the weather in Seoul tomorrow", ''].join('\n');
    const { code, stdout, stderr } = await runTsx('src/cli.ts', ['ask', '--json'], { input });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    const [en, ko, weather] = lines;
    expect(Object.keys(en).sort()).toEqual(['alternatives', 'answered', 'confidence', 'factId', 'lang', 'question', 'text'].sort());
    expect(en).toMatchObject({ question: 'who founded OpenAI', answered: true, lang: 'en' });
    expect(en.text).toMatch(/Altman/);
    expect(en.text).toMatch(/Musk/);
    expect(en.text).toMatch(/2015/);
    expect(ko).toMatchObject({ answered: true, lang: 'ko', factId: en.factId });
    expect(ko.text).toMatch(/올트먼/);
    expect(ko.text).toMatch(/2015/);
    expect(weather).toMatchObject({ answered: false, factId: null });
  });

  it('answers a question given as arguments, as text', async () => {
    const { code, stdout } = await runTsx('src/cli.ts', ['ask', 'how', 'much', 'did', 'Musk', 'bid', 'for', 'OpenAI']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/97\.4/);
  });

  it('reads the same command grammar as the chat adapters: timeline, about, 출처, help', async () => {
    const words = ['timeline', 'timeline 2024-11..2025-02', 'about', '출처', 'help', '연표 2024-13'];
    const { code, stdout } = await runTsx('src/cli.ts', ['ask', '--json'], { input: words.join('\n') });
    expect(code).toBe(0);
    const cli = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).text as string);
    // what a chat user gets for the same words, through the conversation every adapter uses
    const state = testState();
    const conversation = createConversation({ feud: createFeud(loadFacts()), ...state, logger: silentLogger });
    const chat: string[] = [];
    for (const text of words)
      chat.push(renderText((await conversation.handle({ platform: 'console', channelId: 'c', userId: 'u', text, via: 'command', unthrottled: true }))!));
    await state.store.close();
    expect(cli).toEqual(chat);
    expect(cli[0]).toMatch(/^Musk vs Altman timeline\n• the early 2010s/);
    expect(cli[3]).toMatch(/^출처\n\d+개의 팩트/);
  });

  it('says that daily and listen need a chat channel', async () => {
    const { code, stdout } = await runTsx('src/cli.ts', ['ask', 'daily on 09:00']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/works only in a channel/);
  });

  it('explains its usage for an unknown command', async () => {
    const { code, stderr } = await runTsx('src/cli.ts', ['frobnicate']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/unknown command "frobnicate"/);
    expect(stderr).toMatch(/usage:/);
  });
});
