/**
 * One behaviour suite over every adapter's loopback fake, after the Chat SDK's packages/tests
 * (self-message-contract.ts). Each platform supplies a harness that speaks its fake's protocol;
 * the assertions are the same for all: it answers a question, never pings, ignores bots and
 * itself, keeps private replies private, turns 404/403 into ChannelGoneError, and acknowledges
 * within the platform's deadline even when the answer is slow.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChannelGoneError } from '../../../src/bot/adapter.ts';
import { createConversation } from '../../../src/bot/conversation.ts';
import type { Conversation, Incoming } from '../../../src/bot/incoming.ts';
import { createFeud } from '../../../src/core/feud.ts';
import { loadFacts } from '../../../src/knowledge/load.ts';
import { silentLogger } from '../../../src/log.ts';
import { createDailyCommandHandler } from '../../../src/schedule/daily-commands.ts';
import { testState } from '../../helpers/state.ts';

/** What the user sees of one reply. */
export interface Delivered {
  /** As plain text, markup removed. */
  text: string;
  /** Shown only to the asker: ephemeral, their private chat, a click's own answer. */
  private: boolean;
  /** Whether the platform would turn anything in it into a notification (its mention parsing is on, or an @name is live). */
  couldPing: boolean;
}

export interface Harness {
  /** A user asks in a shared channel the way this platform's users do (a slash command, `/feud …`, a line). */
  ask(text: string): Promise<Delivered>;
  /** A message another bot sends, then one the bot itself sends, both addressed to the bot; resolves once a later question from a person was answered. */
  sendFromBotAndSelf?(text: string): Promise<void>;
  /** Post to a channel the platform answers 404 (gone) or 403 (the bot removed) for. */
  postToGone?(status: 403 | 404): Promise<void>;
  /** A user asks while the answer is slow: resolves with the ms until the platform got its acknowledgement. */
  timeToAcknowledge?(text: string): Promise<number>;
  close(): Promise<void>;
}

export interface ContractSubject {
  name: string;
  /** From the descriptor's limits (ackDeadlineMs); absent where nobody waits (the console). */
  deadlineMs?: number;
  /** Which checks apply: a terminal has no bots, channels or deadlines. */
  supports: { pings: boolean; bots: boolean; privateReplies: boolean; goneChannels: boolean; deadline: boolean };
  start(conversation: Conversation): Promise<Harness>;
}

/** The real conversation over the real facts, recording what reached it; `hold()` makes it slow until released. */
export function contractConversation() {
  const state = testState();
  const { store } = state;
  const real = createConversation({
    feud: createFeud(loadFacts()),
    ...state,
    logger: silentLogger,
    limits: { userCooldownSeconds: 0, channelAnswersPerMinute: 0 },
    daily: createDailyCommandHandler({ store, defaultTimeZone: 'Asia/Seoul' }),
  });
  const handled: Incoming[] = [];
  let gate: Promise<void> | undefined;
  const conversation: Conversation = {
    async handle(msg) {
      handled.push(msg);
      if (gate) await gate;
      return real.handle(msg);
    },
    autocomplete: (request) => real.autocomplete(request),
    feedback: (...args) => real.feedback(...args),
  };
  return {
    conversation,
    handled,
    store,
    /** Hold every answer until the returned function is called. */
    hold(): () => void {
      let release!: () => void;
      gate = new Promise<void>((resolve) => (release = resolve));
      return () => {
        gate = undefined;
        release();
      };
    },
  };
}

export function adapterContract(subject: ContractSubject): void {
  describe(`adapter contract (${subject.name})`, () => {
    let recorded: ReturnType<typeof contractConversation>;
    let harness: Harness;
    beforeAll(async () => {
      recorded = contractConversation();
      harness = await subject.start(recorded.conversation);
    });
    afterAll(async () => {
      await harness?.close();
      await recorded?.store.close();
    });

    it('answers a question', async () => {
      const reply = await harness.ask('who founded OpenAI');
      expect(reply.text).toMatch(/Altman/);
      expect(reply.text).toMatch(/2015/);
      expect(reply.private).toBe(false);
    });

    it.runIf(subject.supports.pings)('never pings, whatever the question says', async () => {
      const reply = await harness.ask('@everyone @here <!channel> <@123456789012345678> @someone who founded OpenAI');
      expect(reply.couldPing).toBe(false);
      const echoed = await harness.ask('daily on @everyone');
      expect(echoed.couldPing).toBe(false);
    });

    it.runIf(subject.supports.bots)('ignores other bots and itself', async () => {
      const before = recorded.handled.length;
      await harness.sendFromBotAndSelf!('who founded OpenAI');
      // only the person's question reached the conversation
      expect(recorded.handled.length - before).toBe(1);
    });

    it.runIf(subject.supports.privateReplies)('keeps private replies (help, errors) to the asker', async () => {
      const help = await harness.ask('help');
      expect(help.private).toBe(true);
      expect(help.text).toMatch(/\/feud timeline/);
      const refused = await harness.ask('listen on');
      expect(refused.private).toBe(true);
    });

    it.runIf(subject.supports.goneChannels)('turns 404 and 403 into ChannelGoneError, so daily posts stop', async () => {
      for (const status of [404, 403] as const) await expect(harness.postToGone!(status), String(status)).rejects.toBeInstanceOf(ChannelGoneError);
    });

    it.runIf(subject.supports.deadline)(`acknowledges within the platform’s deadline (${subject.deadlineMs} ms) while the answer is slow`, async () => {
      const release = recorded.hold();
      try {
        const ms = await harness.timeToAcknowledge!('who founded OpenAI');
        expect(ms).toBeLessThan(subject.deadlineMs!);
      } finally {
        release();
      }
    });
  });
}
