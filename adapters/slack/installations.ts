/**
 * Bolt's InstallationStore (@slack/oauth) on the bot's own Store: what InstallProvider saves after
 * `oauth.v2.access` and what it fetches to authorize each event. One row per workspace, or per
 * enterprise for an org-wide (Enterprise Grid) install. What is kept is sealed with
 * FEUD_ENCRYPTION_KEY (AES-256-GCM, bound to the row), so the database never holds a plaintext
 * token; the installing user's id and user token are not kept at all.
 */
import type { InstallationStore as BoltInstallationStore, Installation, InstallationQuery } from '@slack/bolt';
import type { InstallationStore, StoredInstallation } from '../../src/store/store.ts';
import { SealError, type TokenCipher } from '../../src/store/token-cipher.ts';

const PLATFORM = 'slack';

/** An event from a workspace the app is not (or no longer) installed in. */
export class NotInstalledError extends Error {
  constructor(readonly workspace: string | undefined) {
    super(`the app is not installed in Slack workspace ${workspace ?? '(unknown)'}`);
    this.name = 'NotInstalledError';
  }
}

/** The workspace an installation or an event belongs to: the enterprise for an org-wide install, else the team. */
export function workspaceOf(source: {
  isEnterpriseInstall?: boolean | undefined;
  enterpriseId?: string | undefined;
  teamId?: string | undefined;
}): string | undefined {
  return source.isEnterpriseInstall ? source.enterpriseId : (source.teamId ?? source.enterpriseId);
}

export interface BotCredentials {
  botToken: string;
  botUserId: string;
  botId: string;
}

export interface SlackInstallations extends BoltInstallationStore {
  /** The bot token of a workspace, or undefined when the app is not installed there. */
  botFor(workspace: string): Promise<BotCredentials | undefined>;
  /** Forget a workspace and what the bot kept for it (uninstalled, tokens revoked). */
  forget(workspace: string): Promise<boolean>;
  count(): Promise<number>;
  /** Startup: the key opens what is already stored (a changed FEUD_ENCRYPTION_KEY would lock every workspace out). */
  checkKey(): Promise<void>;
}

/** What is sealed: Bolt's installation without the installing user (no user ids are kept) or the webhook. */
type Kept = Omit<Installation, 'user' | 'incomingWebhook' | 'metadata'>;

export function createSlackInstallations(
  store: InstallationStore,
  cipher: TokenCipher,
  clock: { now(): number } = { now: () => Date.now() },
): SlackInstallations {
  const boundTo = (workspace: string) => `${PLATFORM} installation ${workspace}`;

  const open = (row: StoredInstallation): Installation => {
    const kept = JSON.parse(cipher.open(row.sealed, boundTo(row.workspace))) as Kept;
    return { ...kept, user: { id: '', token: undefined, scopes: undefined } } as Installation;
  };

  const fetch = async (query: InstallationQuery<boolean>): Promise<Installation> => {
    const workspace = workspaceOf(query);
    const row = workspace === undefined ? undefined : await store.getInstallation(PLATFORM, workspace);
    if (!row) throw new NotInstalledError(workspace);
    return open(row);
  };

  return {
    async storeInstallation(installation) {
      const workspace = workspaceOf({
        isEnterpriseInstall: installation.isEnterpriseInstall,
        enterpriseId: installation.enterprise?.id,
        teamId: installation.team?.id,
      });
      if (!workspace) throw new Error('an installation with neither a team nor an enterprise');
      const { user: _user, incomingWebhook: _webhook, metadata: _metadata, ...kept } = installation;
      const now = clock.now();
      await store.saveInstallation({
        platform: PLATFORM,
        workspace,
        ...(installation.enterprise?.id ? { enterpriseId: installation.enterprise.id } : {}),
        ...(installation.team?.id ? { teamId: installation.team.id } : {}),
        isEnterpriseInstall: installation.isEnterpriseInstall === true,
        sealed: cipher.seal(JSON.stringify(kept), boundTo(workspace)),
        installedAt: now,
        updatedAt: now,
      });
    },
    fetchInstallation: fetch,
    async deleteInstallation(query) {
      const workspace = workspaceOf(query);
      if (workspace) await store.deleteWorkspace(PLATFORM, workspace);
    },
    async botFor(workspace) {
      const row = await store.getInstallation(PLATFORM, workspace);
      const bot = row && open(row).bot;
      return bot ? { botToken: bot.token, botUserId: bot.userId, botId: bot.id } : undefined;
    },
    forget: (workspace) => store.deleteWorkspace(PLATFORM, workspace),
    count: () => store.countInstallations(PLATFORM),
    async checkKey() {
      const [first] = await store.listInstallations(PLATFORM, 1);
      if (!first) return;
      try {
        open(first);
      } catch (err) {
        if (err instanceof SealError)
          throw new Error(
            'FEUD_ENCRYPTION_KEY does not open the Slack installations already stored (was the key changed?); set it back, or every workspace has to install the app again',
          );
        throw err;
      }
    },
  };
}
