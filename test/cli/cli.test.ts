import { describe, expect, it } from 'vitest';
import { runTsx } from '../helpers/spawn.ts';

describe('feud CLI', () => {
  it('answers questions from stdin as one JSON line each, in order', async () => {
    const input = ['who founded OpenAI', '오픈AI는 누가 설립했어?', "what's the weather in Seoul tomorrow", ''].join('\n');
    const { code, stdout, stderr } = await runTsx('src/cli.ts', ['ask', '--json'], { input });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l));
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

  it('explains its usage for an unknown command', async () => {
    const { code, stderr } = await runTsx('src/cli.ts', ['frobnicate']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/unknown command "frobnicate"/);
    expect(stderr).toMatch(/usage:/);
  });
});
