/** Slack in the adapter registry: its variables, secrets and limits; Bolt is loaded only by create(). */
import { z } from 'zod';
import { defineAdapter, type ChatAdapter } from '../../src/bot/adapter.ts';
import { ConfigError, optionalString, port, url, blankToUndefined } from '../../src/env-fields.ts';

export interface SlackConfig {
  botToken: string;
  signingSecret?: string;
  appToken?: string;
  apiUrl?: string;
  port: number;
  adminUserIds: string[];
}

export const slack = defineAdapter({
  name: 'slack',
  label: 'Slack',
  env: {
    SLACK_BOT_TOKEN: optionalString(z.string().startsWith('xoxb-', 'expected a bot token starting with xoxb-')),
    SLACK_SIGNING_SECRET: optionalString(z.string().regex(/^[0-9a-f]{16,}$/i, 'expected the hex signing secret from Basic Information')),
    SLACK_APP_TOKEN: optionalString(z.string().startsWith('xapp-', 'expected an app-level token starting with xapp-')),
    SLACK_API_URL: url,
    SLACK_ADMIN_USER_IDS: z.preprocess(blankToUndefined, z.string().optional()).transform((v) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : [])),
    PORT: port(3000),
  },
  secretKeys: ['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET', 'botToken', 'appToken', 'signingSecret'],
  configure(env): SlackConfig | undefined {
    if (!env.SLACK_BOT_TOKEN && !env.SLACK_APP_TOKEN && !env.SLACK_SIGNING_SECRET) return undefined;
    if (!env.SLACK_BOT_TOKEN) throw new ConfigError('SLACK_BOT_TOKEN: missing (other SLACK_ variables are set; add the xoxb- bot token from OAuth & Permissions)');
    if (!env.SLACK_APP_TOKEN && !env.SLACK_SIGNING_SECRET) throw new ConfigError('SLACK_SIGNING_SECRET: missing (needed in HTTP mode; or set SLACK_APP_TOKEN for Socket Mode)');
    return {
      botToken: env.SLACK_BOT_TOKEN,
      signingSecret: env.SLACK_SIGNING_SECRET,
      appToken: env.SLACK_APP_TOKEN,
      apiUrl: env.SLACK_API_URL,
      port: env.PORT!,
      adminUserIds: env.SLACK_ADMIN_USER_IDS,
    };
  },
  // a section's text (https://docs.slack.dev/reference/block-kit/blocks); a slash command or click is acknowledged within 3 s
  limits: { text: 3000, ackDeadlineMs: 3000 },
  async create(deps): Promise<ChatAdapter> {
    const { createSlackAdapter } = await import('./adapter.ts');
    return createSlackAdapter(deps);
  },
});
