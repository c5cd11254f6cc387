/**
 * The Store contract: one suite that every implementation (memory, SQLite, PostgreSQL) must pass,
 * as the Chat SDK runs one contract over its state adapters. It says what the rest of the bot
 * relies on: settings, subscriptions, exactly-once daily claims and their leases, the deck,
 * bookkeeping, event dedupe and rate windows shared between connections, and migrations.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type DeckState, type Store, workspaceScoped } from '../../src/store/store.ts';

export interface StoreUnderTest {
  /** The store, freshly created and empty. */
  store: Store;
  /** Another connection to the same data, as a second instance would have (memory: the same store). */
  connect(): Promise<Store>;
  /** Close everything and drop the data. */
  destroy(): Promise<void>;
  /** Mark the data as written by a newer bot (engines with migrations only). */
  bumpSchemaVersion?(): Promise<void>;
}

export interface StoreContractTarget {
  name: string;
  create(): Promise<StoreUnderTest>;
  /** Open n stores at the same moment on one new, empty database (engines with migrations only). */
  createConcurrently?(n: number): Promise<StoreUnderTest & { others: Store[] }>;
}

const chan = { platform: 'slack', channelId: 'C1' };
const T0 = Date.UTC(2026, 11, 1, 0, 0);
const firstFact = (factId: string) => () => ({ factId, deck: { order: [factId], position: 1, last: factId } });
const neverDraw = () => {
  throw new Error('a takeover must not draw a new fact');
};

export function storeContract(target: StoreContractTarget): void {
  describe(`Store contract (${target.name})`, () => {
    const open: StoreUnderTest[] = [];
    afterEach(async () => {
      for (const s of open.splice(0)) await s.destroy();
    });
    const fresh = async () => {
      const s = await target.create();
      open.push(s);
      return s;
    };

    describe('channel settings and subscriptions', () => {
      it('defaults to not listening, and keeps each channel apart', async () => {
        const { store } = await fresh();
        expect(await store.getSettings(chan)).toEqual({ ...chan, listen: false });
        await store.setListen(chan, true);
        expect(await store.getSettings(chan)).toEqual({ ...chan, listen: true });
        // same channel id on another platform is another channel
        expect((await store.getSettings({ platform: 'discord', channelId: 'C1' })).listen).toBe(false);
        await store.setListen(chan, false);
        expect((await store.getSettings(chan)).listen).toBe(false);
      });

      it('turns a subscription on, changes it, disables it with a reason, and re-enables it clearing the reason', async () => {
        const { store } = await fresh();
        await store.upsertSubscription({ ...chan, time: '09:00', timeZone: 'Asia/Seoul', lang: 'en' }, T0);
        const changed = await store.upsertSubscription({ ...chan, time: '07:30', timeZone: 'America/New_York', lang: 'both' }, T0 + 1000);
        expect(changed).toEqual({ ...chan, time: '07:30', timeZone: 'America/New_York', lang: 'both', enabled: true, since: T0 + 1000 });
        await store.disableSubscription(chan, 'channel C1 is gone: 404 Not Found');
        expect(await store.getSubscription(chan)).toMatchObject({ enabled: false, disabledReason: 'channel C1 is gone: 404 Not Found' });
        expect(await store.listSubscriptions()).toHaveLength(1);
        const back = await store.upsertSubscription({ ...chan, time: '08:00', timeZone: 'Asia/Seoul', lang: 'ko' }, T0 + 2000);
        expect(back.enabled).toBe(true);
        expect(back.disabledReason).toBeUndefined();
        expect(await store.getSubscription({ platform: 'discord', channelId: 'C1' })).toBeUndefined();
      });

      it('lists subscriptions in one order everywhere: platform, then channel id by code point', async () => {
        const { store } = await fresh();
        for (const channelId of ['c2', 'C10', 'C2', 'b'])
          await store.upsertSubscription({ platform: 'slack', channelId, time: '09:00', timeZone: 'UTC', lang: 'en' }, T0);
        await store.upsertSubscription({ platform: 'discord', channelId: 'Z', time: '09:00', timeZone: 'UTC', lang: 'en' }, T0);
        expect((await store.listSubscriptions()).map((s) => `${s.platform}/${s.channelId}`)).toEqual([
          'discord/Z',
          'slack/C10',
          'slack/C2',
          'slack/b',
          'slack/c2',
        ]);
      });
    });

    describe('daily claims, leases and the deck', () => {
      it('claims a slot once, saving the deck the draw returned', async () => {
        const { store } = await fresh();
        const seen: (DeckState | undefined)[] = [];
        const draw = (deck: DeckState | undefined) => {
          seen.push(deck);
          const position = (deck?.position ?? 0) + 1;
          return { factId: `f${position}`, deck: { order: ['f1', 'f2', 'f3'], position, last: `f${position}` } };
        };
        expect(await store.claimDailyPost(chan, '2026-12-01', draw, T0, 60_000)).toMatchObject({
          factId: 'f1',
          status: 'claimed',
          attempts: 0,
          claimedAt: T0,
          leaseUntil: T0 + 60_000,
          takeovers: 0,
        });
        expect(await store.getDeck(chan)).toEqual({ order: ['f1', 'f2', 'f3'], position: 1, last: 'f1' });
        // same day again: no second claim, and the deck does not move
        expect(await store.claimDailyPost(chan, '2026-12-01', draw, T0 + 1, 60_000)).toBeUndefined();
        await store.markPostSent(chan, '2026-12-01', T0 + 10);
        expect((await store.claimDailyPost(chan, '2026-12-02', draw, T0 + 86_400_000, 60_000))?.factId).toBe('f2');
        expect(seen).toEqual([undefined, { order: ['f1', 'f2', 'f3'], position: 1, last: 'f1' }]);
        expect(await store.lastPost(chan)).toMatchObject({ localDate: '2026-12-02', factId: 'f2' });
        expect(await store.getDeck({ platform: 'discord', channelId: 'C1' })).toBeUndefined();
      });

      it('saves nothing when the draw throws', async () => {
        const { store } = await fresh();
        await expect(
          store.claimDailyPost(
            chan,
            '2026-12-01',
            () => {
              throw new Error('the fact base is empty');
            },
            T0,
            60_000,
          ),
        ).rejects.toThrow(/empty/);
        expect(await store.getPost(chan, '2026-12-01')).toBeUndefined();
        expect(await store.getDeck(chan)).toBeUndefined();
      });

      it('lets an abandoned claim be taken over once, after its lease, with the same fact', async () => {
        const { store } = await fresh();
        await store.claimDailyPost(chan, '2026-12-01', firstFact('founding'), T0, 60_000);
        expect(await store.claimDailyPost(chan, '2026-12-01', neverDraw, T0 + 59_999, 60_000)).toBeUndefined();
        const taken = await store.claimDailyPost(chan, '2026-12-01', neverDraw, T0 + 60_000, 60_000);
        expect(taken).toMatchObject({ factId: 'founding', status: 'claimed', takeovers: 1, leaseUntil: T0 + 120_000 });
        // the takeover crashed too: nobody re-sends a third time
        expect(await store.claimDailyPost(chan, '2026-12-01', neverDraw, T0 + 10 * 60_000, 60_000)).toBeUndefined();
      });

      it('records retries (extending the lease), then a final failure, and never un-sends a sent post', async () => {
        const { store } = await fresh();
        await store.claimDailyPost(chan, '2026-12-01', firstFact('founding'), T0, 60_000);
        await store.recordPostRetry(chan, '2026-12-01', 'socket hang up', T0 + 100, T0 + 500_000);
        expect(await store.getPost(chan, '2026-12-01')).toMatchObject({
          status: 'claimed',
          attempts: 1,
          error: 'socket hang up',
          leaseUntil: T0 + 500_000,
          lastTryAt: T0 + 100,
        });
        // the lease was extended: no takeover before it runs out
        expect(await store.claimDailyPost(chan, '2026-12-01', neverDraw, T0 + 400_000, 60_000)).toBeUndefined();
        await store.markPostFailed(chan, '2026-12-01', '503 Service Unavailable', T0 + 200);
        expect(await store.getPost(chan, '2026-12-01')).toMatchObject({ status: 'failed', attempts: 2, error: '503 Service Unavailable' });
        // a failed day is not claimable again
        expect(await store.claimDailyPost(chan, '2026-12-01', firstFact('other'), T0 + 999_999, 60_000)).toBeUndefined();

        await store.claimDailyPost(chan, '2026-12-02', firstFact('founding'), T0, 60_000);
        await store.markPostSent(chan, '2026-12-02', T0);
        await store.markPostFailed(chan, '2026-12-02', 'late error', T0 + 1);
        await store.recordPostRetry(chan, '2026-12-02', 'late retry', T0 + 2, T0 + 3);
        expect(await store.getPost(chan, '2026-12-02')).toMatchObject({ status: 'sent', attempts: 1, sentAt: T0 });
      });

      it('gives each slot to exactly one of many claims racing from two connections', async () => {
        const s = await fresh();
        const other = await s.connect();
        const channels = Array.from({ length: 25 }, (_, i) => ({ platform: 'slack', channelId: `C${i}` }));
        let draws = 0;
        const draw = () => {
          draws++;
          return { factId: 'founding', deck: { order: ['founding'], position: 1 } };
        };
        const attempts = channels.flatMap((c) => [s.store, other, s.store, other].map((store) => store.claimDailyPost(c, '2026-12-01', draw, T0, 60_000)));
        const results = await Promise.all(attempts);
        const won = results.filter((r) => r !== undefined);
        expect(won.map((r) => r!.channelId).sort()).toEqual(channels.map((c) => c.channelId).sort());
        expect(draws).toBe(channels.length);
        // and an expired lease is taken over by exactly one of the racers
        const takeovers = await Promise.all(
          channels
            .slice(0, 5)
            .flatMap((c) => [s.store, other, s.store, other].map((store) => store.claimDailyPost(c, '2026-12-01', neverDraw, T0 + 60_000, 60_000))),
        );
        expect(takeovers.filter((r) => r !== undefined)).toHaveLength(5);
      });
    });

    describe('the instances sharing the daily work', () => {
      it('lists live instances, sorted; drops one whose heartbeat ran out, and one that left', async () => {
        const s = await fresh();
        const other = await s.connect();
        expect(await s.store.heartbeat('b', T0, 3000)).toEqual(['b']);
        expect(await other.heartbeat('a', T0 + 1000, 3000)).toEqual(['a', 'b']);
        expect(await s.store.heartbeat('c', T0 + 3000, 3000)).toEqual(['a', 'c']);
        await other.leave('a');
        expect(await s.store.heartbeat('c', T0 + 3500, 3000)).toEqual(['c']);
      });
    });

    describe('bookkeeping', () => {
      it('stores a batch of answers, ratings and unanswered questions; sums per fact, most answered first', async () => {
        const { store } = await fresh();
        await store.recordCuration([
          { type: 'answer', factId: 'founding', platform: 'slack', at: T0 },
          { type: 'answer', factId: 'founding', platform: 'discord', at: T0 },
          { type: 'answer', factId: 'lawsuit', platform: 'slack', at: T0 },
          { type: 'feedback', factId: 'founding', helpful: true, platform: 'slack', at: T0 },
          { type: 'feedback', factId: 'founding', helpful: false, platform: 'discord', at: T0 },
          { type: 'feedback', factId: 'lawsuit', helpful: false, platform: 'slack', at: T0 },
          { type: 'feedback', factId: 'lawsuit', helpful: false, platform: 'slack', at: T0 },
          { type: 'feedback', factId: 'only-rated', helpful: true, platform: 'slack', at: T0 },
          { type: 'unanswered', question: { text: 'weather?', normalised: 'weather', lang: 'en', platform: 'slack', at: T0 } },
          { type: 'unanswered', question: { text: '날씨 어때?', normalised: '날씨 어때', lang: 'ko', platform: 'discord', at: T0 + 2000 } },
          { type: 'unanswered', question: { text: 'lunch?', normalised: 'lunch', lang: 'en', platform: 'slack', at: T0 + 1000 } },
        ]);
        expect(await store.factStats()).toEqual([
          { factId: 'founding', answers: 2, helpful: 1, unhelpful: 1 },
          { factId: 'lawsuit', answers: 1, helpful: 0, unhelpful: 2 },
          { factId: 'only-rated', answers: 0, helpful: 1, unhelpful: 0 },
        ]);
        expect(await store.listUnanswered(T0 + 1000)).toEqual([
          { text: 'lunch?', normalised: 'lunch', lang: 'en', platform: 'slack', at: T0 + 1000 },
          { text: '날씨 어때?', normalised: '날씨 어때', lang: 'ko', platform: 'discord', at: T0 + 2000 },
        ]);
        expect(await store.listUnanswered(0)).toHaveLength(3);
      });
    });

    describe('installations (one workspace each) and forgetting a workspace', () => {
      const install = (workspace: string, at: number, sealed = `sealed-${workspace}-${at}`) => ({
        platform: 'slack',
        workspace,
        teamId: workspace,
        isEnterpriseInstall: false,
        sealed,
        installedAt: at,
        updatedAt: at,
      });

      it('keeps one row per workspace and per enterprise; a re-install replaces it but keeps the first install time', async () => {
        const s = await fresh();
        const other = await s.connect();
        const orgWide = {
          platform: 'slack',
          workspace: 'E9',
          enterpriseId: 'E9',
          isEnterpriseInstall: true,
          sealed: 'sealed-org',
          installedAt: T0,
          updatedAt: T0,
        };
        await s.store.saveInstallation(install('T1', T0));
        await s.store.saveInstallation(orgWide);
        await other.saveInstallation(install('T1', T0 + 5000, 'sealed-again'));
        expect(await s.store.getInstallation('slack', 'T1')).toEqual({ ...install('T1', T0, 'sealed-again'), updatedAt: T0 + 5000 });
        expect(await other.getInstallation('slack', 'E9')).toEqual(orgWide);
        expect(await s.store.getInstallation('slack', 'T2')).toBeUndefined();
        // another platform's workspace of the same id is another installation
        expect(await s.store.getInstallation('discord', 'T1')).toBeUndefined();
        expect(await s.store.countInstallations('slack')).toBe(2);
        expect((await s.store.listInstallations('slack', 1)).map((i) => i.workspace)).toEqual(['E9']);
      });

      it("forgets a workspace's installation, channels, subscriptions, decks, posts and stats, and nothing of another's", async () => {
        const { store } = await fresh();
        for (const workspace of ['T1', 'T10']) {
          // T10 starts with "T1": only the separator tells them apart
          const channel = { platform: 'slack', channelId: workspaceScoped(workspace, 'C1') };
          await store.saveInstallation(install(workspace, T0));
          await store.setListen(channel, true);
          await store.upsertSubscription({ ...channel, time: '09:00', timeZone: 'UTC', lang: 'en' }, T0);
          await store.claimDailyPost(channel, '2026-12-01', firstFact('founding'), T0, 60_000);
          await store.recordCuration([
            { type: 'answer', factId: 'founding', platform: 'slack', at: T0, workspace },
            { type: 'feedback', factId: 'founding', helpful: true, platform: 'slack', at: T0, workspace },
            { type: 'unanswered', question: { text: 'weather?', normalised: 'weather', lang: 'en', platform: 'slack', at: T0, workspace } },
          ]);
        }
        // a single-workspace bot's own channel and stats (no workspace) stay too
        await store.setListen(chan, true);
        await store.recordCuration([{ type: 'answer', factId: 'founding', platform: 'slack', at: T0 }]);
        expect(await store.factStats('T1')).toEqual([{ factId: 'founding', answers: 1, helpful: 1, unhelpful: 0 }]);
        expect(await store.listUnanswered(0, 'T1')).toEqual([
          { text: 'weather?', normalised: 'weather', lang: 'en', platform: 'slack', at: T0, workspace: 'T1' },
        ]);

        expect(await store.deleteWorkspace('slack', 'T1')).toBe(true);
        expect(await store.deleteWorkspace('slack', 'T1')).toBe(false);
        const gone = { platform: 'slack', channelId: workspaceScoped('T1', 'C1') };
        const kept = { platform: 'slack', channelId: workspaceScoped('T10', 'C1') };
        expect(await store.getInstallation('slack', 'T1')).toBeUndefined();
        expect((await store.getSettings(gone)).listen).toBe(false);
        expect(await store.getSubscription(gone)).toBeUndefined();
        expect(await store.getDeck(gone)).toBeUndefined();
        expect(await store.lastPost(gone)).toBeUndefined();
        expect(await store.factStats('T1')).toEqual([]);
        expect(await store.listUnanswered(0, 'T1')).toEqual([]);

        expect(await store.getInstallation('slack', 'T10')).toBeDefined();
        expect((await store.getSettings(kept)).listen).toBe(true);
        expect(await store.getSubscription(kept)).toMatchObject({ enabled: true });
        expect(await store.lastPost(kept)).toMatchObject({ factId: 'founding' });
        expect((await store.getSettings(chan)).listen).toBe(true);
        expect(await store.factStats()).toEqual([{ factId: 'founding', answers: 2, helpful: 1, unhelpful: 0 }]);
        expect(await store.listUnanswered(0)).toEqual([{ text: 'weather?', normalised: 'weather', lang: 'en', platform: 'slack', at: T0, workspace: 'T10' }]);
      });
    });

    describe('event dedupe', () => {
      it('says first-seen once per key until it expires, across connections', async () => {
        const s = await fresh();
        const other = await s.connect();
        expect(await s.store.firstSeen('slack:event:Ev1', T0 + 1000, T0)).toBe(true);
        expect(await s.store.firstSeen('slack:event:Ev1', T0 + 1000, T0 + 1)).toBe(false);
        expect(await other.firstSeen('slack:event:Ev1', T0 + 1000, T0 + 999)).toBe(false);
        expect(await other.firstSeen('slack:event:Ev2', T0 + 1000, T0 + 999)).toBe(true);
        // expired: a new sighting
        expect(await other.firstSeen('slack:event:Ev1', T0 + 5000, T0 + 1000)).toBe(true);
        expect(await s.store.firstSeen('slack:event:Ev1', T0 + 5000, T0 + 1001)).toBe(false);
      });

      it('gives one true among many racing connections', async () => {
        const s = await fresh();
        const other = await s.connect();
        const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? other : s.store).firstSeen('slack:sig:v0=abc', T0 + 60_000, T0)));
        expect(answers.filter(Boolean)).toHaveLength(1);
      });
    });

    describe('rate windows', () => {
      it('counts hits into a window, starts a new one after windowMs, and shares them between connections', async () => {
        const s = await fresh();
        const other = await s.connect();
        await s.store.addRateHits([
          { key: 'k1', at: T0, windowMs: 60_000 },
          { key: 'k1', at: T0 + 10, windowMs: 60_000 },
          { key: 'k2', at: T0 + 20, windowMs: 3000 },
        ]);
        await other.addRateHits([{ key: 'k1', at: T0 + 30, windowMs: 60_000 }]);
        expect(await other.rateWindows(['k1', 'k2', 'k3'])).toEqual(
          new Map([
            ['k1', { start: T0, count: 3 }],
            ['k2', { start: T0 + 20, count: 1 }],
          ]),
        );
        await s.store.addRateHits([{ key: 'k2', at: T0 + 3020, windowMs: 3000 }]);
        expect((await s.store.rateWindows(['k2'])).get('k2')).toEqual({ start: T0 + 3020, count: 1 });
        expect((await s.store.rateWindows([])).size).toBe(0);
      });

      it('loses no hit when two connections count the same key at once', async () => {
        const s = await fresh();
        const other = await s.connect();
        await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? other : s.store).addRateHits([{ key: 'busy', at: T0 + i, windowMs: 60_000 }])));
        const window = (await s.store.rateWindows(['busy'])).get('busy')!;
        // whichever hit landed first opened the window
        expect(window.count).toBe(20);
        expect(window.start).toBeGreaterThanOrEqual(T0);
        expect(window.start).toBeLessThan(T0 + 20);
      });
    });

    describe('the store itself', () => {
      it('has one salt for every connection, is healthy while open, and closes once', async () => {
        const s = await fresh();
        const other = await s.connect();
        expect(s.store.keySalt).toMatch(/^[0-9a-f]{32}$/);
        expect(other.keySalt).toBe(s.store.keySalt);
        expect(s.store.isHealthy()).toBe(true);
      });

      it.runIf(target.name !== 'memory')('keeps its data for the next connection, and refuses data written by a newer bot', async () => {
        const s = await fresh();
        await s.store.setListen(chan, true);
        await s.store.upsertSubscription({ ...chan, time: '09:00', timeZone: 'Asia/Seoul', lang: 'ko' }, T0);
        await s.store.claimDailyPost(chan, '2026-12-01', firstFact('founding'), T0, 60_000);
        await s.store.markPostSent(chan, '2026-12-01', T0 + 500);
        // opening again migrates nothing and keeps every row
        const again = await s.connect();
        expect((await again.getSettings(chan)).listen).toBe(true);
        expect(await again.getSubscription(chan)).toMatchObject({ time: '09:00', timeZone: 'Asia/Seoul', lang: 'ko', enabled: true, since: T0 });
        expect(await again.getPost(chan, '2026-12-01')).toMatchObject({ factId: 'founding', status: 'sent', attempts: 1, sentAt: T0 + 500 });
        await s.bumpSchemaVersion!();
        await expect(s.connect()).rejects.toThrow(/schema version \d+ but this bot only knows up to \d+; run the newer bot or restore a backup/);
      });

      it.runIf(target.createConcurrently !== undefined)('migrates once when several instances start together on an empty database', async () => {
        const s = await target.createConcurrently!(4);
        open.push(s);
        for (const store of s.others) expect(store.keySalt).toBe(s.store.keySalt);
        await s.store.setListen(chan, true);
        expect((await s.others[2]!.getSettings(chan)).listen).toBe(true);
      });
    });
  });
}
