/**
 * What a browser page reads from `config.json` beside it (`/dashboard/config.json`): the facts of the server that
 * hosts it, so that one page serves a local doorbell and a deployed stack alike. The local doorbell answers it for
 * the request's own address; the deployed stack writes it at every deployment.
 */
export interface PageConfig {
  /** Where the page's device connects: `wss://…/prod` when deployed, `ws(s)://<host>:<port>` locally. */
  readonly webSocketUrl: string;
}

/** The file's name, beside each page's `index.html`. */
export const PAGE_CONFIG_FILE = 'config.json';
