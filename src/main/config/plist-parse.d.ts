/** plist's parser alone (its package entry also loads the XML builder, which the app never uses). */
declare module 'plist/lib/parse.js' {
  export { parse } from 'plist'
}
