/**
 * A workspace that removes the app (app_uninstalled) or revokes its bot token (tokens_revoked) is
 * forgotten: its installation and everything the bot kept for it (InstallationStore.deleteWorkspace).
 * Bolt delivers both without authorizing them (there is no token left to authorize with).
 */
import type { App, Context } from '@slack/bolt';
import type { Logger } from '../../src/log.ts';
import { type SlackInstallations, workspaceOf } from './installations.ts';

export function registerUninstall(app: App, installations: SlackInstallations, logger: Logger): void {
  const forget = async (context: Context, why: string) => {
    const workspace = workspaceOf(context);
    if (!workspace) return;
    const had = await installations.forget(workspace);
    logger.info({ workspace, why, had }, 'Slack workspace forgotten: its installation, settings, subscriptions and stats deleted');
  };

  app.event('app_uninstalled', async ({ context }) => forget(context, 'app_uninstalled'));

  app.event('tokens_revoked', async ({ event, context }) => {
    // user tokens (tokens.oauth) are never kept; only a revoked bot token ends the installation
    if ((event.tokens.bot ?? []).length === 0) return;
    await forget(context, 'tokens_revoked');
  });
}
