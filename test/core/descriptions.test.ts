import { describe, expect, it } from 'vitest';
import { Normaliser } from '../../src/core/normalise.ts';
import { builtInTopic, parseTopic } from '../../src/knowledge/topic.ts';

const words = (normaliser: Normaliser, text: string) => normaliser.normalise(text).words;

describe('people and companies described instead of named', () => {
  const normaliser = new Normaliser(builtInTopic());

  it('reads a leader, an owner or a maker as the name it stands for, in either language', () => {
    expect(words(normaliser, 'What did the Tesla boss call the guy who runs OpenAI?')).toEqual(words(normaliser, 'What did Musk call Altman?'));
    expect(words(normaliser, 'the rocket-company founder')).toEqual(['musk']);
    expect(words(normaliser, 'the ceo of softbank')).toEqual(['masayoshison']);
    expect(words(normaliser, 'the company behind ChatGPT')).toEqual(['openai']);
    expect(words(normaliser, 'the firm that made Grok-2')).toEqual(['xai']);
    expect(words(normaliser, "the ChatGPT maker's boss")).toEqual(['altman']);
    expect(words(normaliser, '오픈AI를 이끄는 사람')).toEqual(['altman']);
    expect(words(normaliser, '챗GPT 개발사')).toEqual(['openai']);
  });

  it('leaves a company that was founded alone: "when was xAI founded" is not about its founder', () => {
    expect(words(normaliser, 'when was xAI founded')).toContain('xai');
    expect(words(normaliser, 'xAI founded in 2023')).toContain('xai');
    expect(words(normaliser, 'when was xAI founded')).not.toContain('musk');
  });

  it('reads no descriptions for a topic that declares no roles or makers', () => {
    const topic = parseTopic('topic.json', {
      topic: {
        about: 'Two bakeries',
        categories: ['rivalry'],
        sourceCategories: [],
        claimants: { paper: { en: 'The Paper', ko: '신문', role: 'report' } },
        pair: { members: ['crumb', 'loaf'], phrases: { en: ['they'], ko: ['둘'] } },
        actors: ['crumb', 'loaf'],
        names: { crumb: ['crumb'], loaf: ['loaf'], tesla: ['tesla'] },
        synonyms: {},
      },
    });
    expect(words(new Normaliser(topic), 'the tesla boss')).toEqual(['tesla', 'boss']);
  });

  it('refuses roles and makers that name no one in the topic, naming the field', () => {
    const topic = builtInTopic();
    expect(() => parseTopic('topic.json', { topic: { ...topic, roles: { musk: { leads: ['blue-origin'] } } } })).toThrow(/topic\.json: field topic\.roles/);
    expect(() => parseTopic('topic.json', { topic: { ...topic, makers: { openai: ['sora'] } } })).toThrow(
      /topic\.json: field topic\.makers\.openai: "sora" is not one of the names/,
    );
  });
});
