/**
 * The pages a person sees while installing the app in a workspace: the install page with its
 * "Add to Slack" link (Bolt's InstallProvider makes the link and its signed state), the page
 * after Slack sends them back, and the page when it went wrong. Each says, in English and Korean,
 * what happened and what to do; the words are the catalog's.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Installation } from '@slack/bolt';
import { type MessageKey, type MessageParams, t } from '../../src/core/catalog.ts';
import type { Lang } from '../../src/core/reply.ts';

const LANGS: readonly Lang[] = ['en', 'ko'];

/** @slack/oauth's error codes for a state that is missing, forged, expired or from another browser. */
const STATE_ERRORS = new Set(['slack_oauth_missing_state', 'slack_oauth_invalid_state', 'slack_oauth_missing_code']);

export type InstallOutcome = { ok: true; workspace: string; name: string | undefined } | { ok: false; reason: 'state' | 'denied' | 'other'; code: string };

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
/** Catalog text as HTML: escaped, with `code` shown as code. */
const html = (lang: Lang, key: MessageKey, params?: MessageParams) => escapeHtml(t(lang, key, params)).replace(/`([^`]+)`/g, '<code>$1</code>');

function page(titleKey: MessageKey, body: (lang: Lang) => string): string {
  const sections = LANGS.map((lang) => `<section lang="${lang}">\n<h1>${html(lang, titleKey)}</h1>\n${body(lang)}\n</section>`).join('\n<hr>\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${html('en', titleKey)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5}a.button{display:inline-block;padding:.6rem 1.2rem;background:#4a154b;color:#fff;border-radius:.3rem;text-decoration:none}</style>
</head>
<body>
${sections}
</body>
</html>
`;
}

/** The install page: what the bot is, and the link to Slack's authorize page (with the state Bolt signed). */
export function renderInstallPage(authorizeUrl: string): string {
  return page(
    'install.page.title',
    (lang) => `<p>${html(lang, 'install.page.body')}</p>\n<p><a class="button" href="${escapeHtml(authorizeUrl)}">${html(lang, 'install.page.button')}</a></p>`,
  );
}

function send(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(body);
}

/** Bolt's callbackOptions: our pages instead of its defaults, and the outcome told to `onOutcome` (the log). */
export function installCallbacks(installPath: string, onOutcome: (outcome: InstallOutcome) => void) {
  const again = (lang: Lang) => `<p><a href="${escapeHtml(installPath)}">${html(lang, 'install.again')}</a></p>`;
  return {
    success(installation: Installation, _options: unknown, _req: IncomingMessage, res: ServerResponse) {
      const workspace = installation.isEnterpriseInstall ? installation.enterprise : installation.team;
      const name = workspace?.name ?? workspace?.id ?? '';
      onOutcome({ ok: true, workspace: workspace?.id ?? '', name: workspace?.name });
      const open = installation.team?.id ? `https://app.slack.com/client/${encodeURIComponent(installation.team.id)}` : 'https://app.slack.com/';
      send(
        res,
        200,
        page(
          'install.done.title',
          (lang) =>
            `<p>${html(lang, 'install.done.body', { workspace: name })}</p>\n<p><a class="button" href="${escapeHtml(open)}">${html(lang, 'install.done.open')}</a></p>`,
        ),
      );
    },
    failure(error: Error & { code?: string }, _options: unknown, req: IncomingMessage, res: ServerResponse) {
      const code = error.code ?? 'unknown';
      const denied = new URL(req.url ?? '/', 'http://install.invalid').searchParams.get('error') === 'access_denied';
      const reason = denied ? 'denied' : STATE_ERRORS.has(code) ? 'state' : 'other';
      onOutcome({ ok: false, reason, code });
      const key: MessageKey = reason === 'denied' ? 'install.failed.denied' : reason === 'state' ? 'install.failed.state' : 'install.failed.other';
      // a cancelled install is the person's choice, not an error; a bad state is a bad request
      send(
        res,
        reason === 'denied' ? 200 : reason === 'state' ? 400 : 500,
        page('install.failed.title', (lang) => `<p>${html(lang, key, { reason: code })}</p>\n${again(lang)}`),
      );
    },
  };
}
