/**
 * The markup a catalog sentence may carry, for `<Trans components={DATA}>`: `<data>{{name}}</data>` is a value
 * that is not the app's words (a server's name, a username, an address), shown in bold and marked
 * `data-server-text` so the pseudo-locale check knows it is not a missed string.
 */
export const DATA = { data: <strong data-server-text="" /> }
