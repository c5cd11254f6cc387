/**
 * What the bot needs to know about a Slack user: may they change a channel's settings,
 * and what is their time zone. One `users.info` call per user, remembered for a few minutes.
 */
import type { webApi } from '@slack/bolt';
import type { Logger } from '../../src/log.ts';
import type { TokenHealth } from './token-health.ts';

export interface SlackUserFacts {
  isAdmin: boolean;
  timeZone?: string;
}

/** Which workspace's token to ask with, for an app installed in many (Slack OAuth). */
export interface WorkspaceAuth {
  workspace: string;
  token: string;
}

export interface UserDirectory {
  /** In SLACK_ADMIN_USER_IDS, or a workspace admin/owner per users.info. False when Slack can't say. */
  canManageChannel(userId: string, auth?: WorkspaceAuth): Promise<boolean>;
  /** The user's IANA time zone from their Slack profile, when known. */
  timeZone(userId: string, auth?: WorkspaceAuth): Promise<string | undefined>;
}

export interface UserDirectoryOptions {
  client: webApi.WebClient;
  adminUserIds: readonly string[];
  logger: Logger;
  /** Told of each lookup's outcome: a revoked token shows up here too. */
  tokenHealth?: TokenHealth;
  ttlMs?: number;
  maxUsers?: number;
  clock?: { now(): number };
}

export function createUserDirectory(options: UserDirectoryOptions): UserDirectory {
  const { client, logger } = options;
  const admins = new Set(options.adminUserIds);
  const ttlMs = options.ttlMs ?? 5 * 60_000;
  const maxUsers = options.maxUsers ?? 1000;
  const clock = options.clock ?? { now: () => Date.now() };
  const cache = new Map<string, { at: number; facts: Promise<SlackUserFacts | undefined> }>();

  const lookUp = (userId: string, auth: WorkspaceAuth | undefined): Promise<SlackUserFacts | undefined> => {
    const now = clock.now();
    // one workspace's user is not another's, even with the same id
    const key = auth ? `${auth.workspace}:${userId}` : userId;
    const hit = cache.get(key);
    if (hit && now - hit.at < ttlMs) return hit.facts;
    const facts = client.users
      .info({ user: userId, ...(auth ? { token: auth.token } : {}) })
      .then((res): SlackUserFacts => {
        options.tokenHealth?.observe({ ok: true });
        return { isAdmin: res.user?.is_admin === true || res.user?.is_owner === true, ...(res.user?.tz ? { timeZone: res.user.tz } : {}) };
      })
      .catch((err: unknown) => {
        options.tokenHealth?.observe({ ok: false, err });
        // an answer is still possible without it; forget the failure so the next call asks again
        cache.delete(key);
        // never the user id: logs are not the place to learn who asked
        logger.warn({ err }, 'users.info failed');
        return undefined;
      });
    cache.delete(key);
    cache.set(key, { at: now, facts });
    while (cache.size > maxUsers) cache.delete(cache.keys().next().value!);
    return facts;
  };

  return {
    async canManageChannel(userId, auth) {
      if (admins.has(userId)) return true;
      return (await lookUp(userId, auth))?.isAdmin ?? false;
    },
    async timeZone(userId, auth) {
      return (await lookUp(userId, auth))?.timeZone;
    },
  };
}
