import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/core/commands/index.ts';

describe('parseCommand', () => {
  it('knows the command words in both languages', () => {
    expect(parseCommand('help')).toEqual({ type: 'help' });
    expect(parseCommand('도움말')).toEqual({ type: 'help' });
    expect(parseCommand('fact')).toEqual({ type: 'fact' });
    expect(parseCommand('오늘의 사실')).toEqual({ type: 'fact' });
    expect(parseCommand('about')).toEqual({ type: 'about' });
    expect(parseCommand('출처')).toEqual({ type: 'about' });
    expect(parseCommand('timeline')).toEqual({ type: 'timeline' });
    expect(parseCommand('연표 2024')).toEqual({ type: 'timeline', range: '2024' });
  });

  it('treats "what happened in 2024" as a timeline', () => {
    expect(parseCommand('what happened in 2024?')).toEqual({ type: 'timeline', range: '2024' });
    expect(parseCommand('2024년에 무슨 일이 있었어?')).toMatchObject({ type: 'timeline' });
  });

  it('parses daily subscriptions with arguments in any order', () => {
    expect(parseCommand('daily on')).toEqual({ type: 'daily', action: 'on' });
    expect(parseCommand('daily on 08:30 America/New_York both')).toEqual({
      type: 'daily',
      action: 'on',
      time: '08:30',
      timeZone: 'America/New_York',
      lang: 'both',
    });
    expect(parseCommand('daily on ko 7:00')).toEqual({ type: 'daily', action: 'on', time: '7:00', lang: 'ko' });
    expect(parseCommand('daily off')).toEqual({ type: 'daily', action: 'off' });
    expect(parseCommand('daily status')).toEqual({ type: 'daily', action: 'status' });
    expect(parseCommand('daily on whenever')).toMatchObject({ type: 'usage', command: 'daily' });
  });

  it('parses listen mode', () => {
    expect(parseCommand('listen on')).toEqual({ type: 'listen', on: true });
    expect(parseCommand('listen off')).toEqual({ type: 'listen', on: false });
    expect(parseCommand('listen maybe')).toMatchObject({ type: 'usage', command: 'listen' });
  });

  it('treats everything else as a question', () => {
    expect(parseCommand('who founded OpenAI')).toEqual({ type: 'ask', question: 'who founded OpenAI' });
    expect(parseCommand('help me understand the lawsuit')).toMatchObject({ type: 'ask' });
    expect(parseCommand('')).toEqual({ type: 'ask', question: '' });
  });
});
