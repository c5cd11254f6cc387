/** The near-miss reply reads the same on every platform: what the article does not say, then a "Tell me more" button for the closest fact. */
import { describe, expect, it } from 'vitest';
import { renderReply as renderDiscord } from '../../adapters/discord/render.ts';
import { renderReply as renderSlack } from '../../adapters/slack/render.ts';
import { createFeud } from '../../src/core/feud.ts';
import { renderText } from '../../src/core/render-text.ts';
import { loadFacts } from '../../src/knowledge/load.ts';

const feud = createFeud(loadFacts());

describe('a near miss on every platform', () => {
  for (const [question, said, button] of [
    ['where is Colossus located?', "doesn't say where", 'Tell me more'],
    ['콜로서스 어디에 있어?', '어디인지 나오지 않습니다', '자세히 보기'],
  ] as const) {
    it(`${question}: the text, Slack and Discord say what is missing and offer the closest fact`, () => {
      const reply = feud.ask(question);
      expect(renderText(reply)).toContain(said);
      const slack = JSON.stringify(renderSlack(reply).blocks);
      expect(slack).toContain(said);
      expect(slack).toContain(button);
      const discord = renderDiscord(reply);
      expect(JSON.stringify(discord.embeds)).toContain(said);
      expect(JSON.stringify(discord.components)).toContain(button);
    });
  }
});
