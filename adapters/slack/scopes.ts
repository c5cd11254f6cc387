/** The bot scopes the app asks for when installed: the same list as manifest.yml (a test holds them equal). */
export const BOT_SCOPES = ['commands', 'chat:write', 'app_mentions:read', 'channels:history', 'groups:history', 'users:read'] as const;
