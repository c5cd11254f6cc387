import type { HTTPReceiverOptions, InstallationStore, Receiver } from '@slack/bolt';

/**
 * How Slack's events reach the app. One transport per file, like bolt-js's receivers:
 * `http-transport.ts` (Events API over HTTPS, signed requests) and `socket-transport.ts`
 * (Socket Mode, no public URL). The rest of the adapter does not know which one runs.
 */
export interface SlackTransport {
  readonly mode: 'http' | 'socket';
  readonly receiver: Receiver;
  start(): Promise<void>;
  stop(): Promise<void>;
  isConnected(): boolean;
  /** The bound HTTP port (HTTP mode, or the install pages' port in Socket Mode; after start). */
  port(): number | undefined;
}

/** Where a person installs the app, and where Slack sends them back: Bolt's defaults. */
export const INSTALL_PATH = '/slack/install';
export const REDIRECT_PATH = '/slack/oauth_redirect';

/**
 * The install flow, as Bolt's receivers take it: each builds its own InstallProvider (@slack/oauth)
 * from these, serves the install and redirect paths, and hands App its `authorize`.
 */
export interface InstallFlow {
  clientId: string;
  clientSecret: string;
  stateSecret: string;
  scopes: string[];
  redirectUri?: string;
  installationStore: InstallationStore;
  installerOptions: Pick<NonNullable<HTTPReceiverOptions['installerOptions']>, 'clientOptions' | 'callbackOptions' | 'renderHtmlForInstallPath'>;
}

/** The receiver options for a flow (the same in both receivers). */
export function receiverInstallOptions(flow: InstallFlow) {
  return {
    clientId: flow.clientId,
    clientSecret: flow.clientSecret,
    stateSecret: flow.stateSecret,
    scopes: flow.scopes,
    installationStore: flow.installationStore,
    ...(flow.redirectUri ? { redirectUri: flow.redirectUri } : {}),
    installerOptions: { ...flow.installerOptions, installPath: INSTALL_PATH, redirectUriPath: REDIRECT_PATH },
  };
}
