// The message catalogs against each other and against the code: `node scripts/check-catalogs.mjs` (exit 1 and one
// line per problem), and test/unit/i18n-catalogs.test.ts runs the same check. It fails on
//  - a key that one language has and another has not,
//  - a plural without every form a language needs (Intl.PluralRules' categories: German and English one/other),
//  - placeholders ({{x}}, $t(…) nesting, <Trans> tags) that differ between the languages of a key,
//  - a key the code asks for (t('…'), i18n.t('…'), <Trans i18nKey="…">) that English does not have,
//  - a key nothing uses: no t() call names it, no `${…}` template's pattern matches it, no string literal in the
//    code spells it (with a dot or a namespace), no catalog string nests it with $t(…).
// Keys are read from the code with the TypeScript compiler (already a dependency) rather than i18next-cli (Node 22
// and react-i18next 17 only) or i18next-parser (i18next ≤ 24, and a gulp/vinyl tool chain): the walk below is the
// whole scanner.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const DEFAULTS = {
  locales: path.join(ROOT, 'src/renderer/src/i18n/locales'),
  // The renderer, and src/shared where keys are named for it (a server kind's label key).
  sources: [path.join(ROOT, 'src/renderer/src'), path.join(ROOT, 'src/shared')],
  defaultNamespace: 'common',
  reference: 'en',
}

const PLURAL = /^(.*)_(zero|one|two|few|many|other)$/
const PLACEHOLDER = /\{\{\s*-?\s*([^,}\s]+)[^}]*\}\}|\$t\(([^,)]+)|<(\/?[A-Za-z0-9]+)\s*\/?>/g

/** `{ a: { b: 'x' } }` → `[['a.b', 'x']]`. */
function flatten(catalog, prefix = '') {
  return Object.entries(catalog).flatMap(([key, value]) =>
    typeof value === 'string' ? [[prefix + key, value]] : flatten(value, `${prefix}${key}.`),
  )
}

/** Every `<lang>/<namespace>.json`: Map lang → Map 'ns:key' → text. */
export function readCatalogs(dir) {
  const languages = new Map()
  for (const language of readdirSync(dir).filter((d) => statSync(path.join(dir, d)).isDirectory())) {
    const entries = new Map()
    for (const file of readdirSync(path.join(dir, language)).filter((f) => f.endsWith('.json'))) {
      const namespace = file.slice(0, -'.json'.length)
      const catalog = JSON.parse(readFileSync(path.join(dir, language, file), 'utf8'))
      for (const [key, text] of flatten(catalog)) entries.set(`${namespace}:${key}`, text)
    }
    languages.set(language, entries)
  }
  return languages
}

/** 'ns:a.b_one' → { base: 'ns:a.b', category: 'one' }; a key that is no plural form has no category. */
function splitPlural(key) {
  const match = PLURAL.exec(key)
  return match ? { base: match[1], category: match[2] } : { base: key, category: null }
}

function placeholders(text, ignoreCount) {
  const found = new Set()
  for (const m of text.matchAll(PLACEHOLDER)) {
    const name = m[1] ? `{{${m[1]}}}` : m[2] ? `$t(${m[2].trim()})` : `<${m[3]}>`
    if (!(ignoreCount && name === '{{count}}')) found.add(name)
  }
  return found
}

const sameSet = (a, b) => a.size === b.size && [...a].every((x) => b.has(x))

/** What the catalogs say of themselves: missing keys, incomplete plurals, placeholders that differ. */
export function checkCatalogsAgainstEachOther(languages) {
  const problems = []
  // Per language: base key → { forms: Set<category>, placeholders: Set } (a plain key has the form null).
  const shapes = new Map()
  for (const [language, entries] of languages) {
    const bases = new Map()
    for (const [key, text] of entries) {
      const { base, category } = splitPlural(key)
      const shape = bases.get(base) ?? { forms: new Set(), placeholders: new Set() }
      shape.forms.add(category)
      for (const p of placeholders(text, category !== null)) shape.placeholders.add(p)
      bases.set(base, shape)
    }
    shapes.set(language, bases)
  }
  const allBases = new Set([...shapes.values()].flatMap((bases) => [...bases.keys()]))
  for (const base of [...allBases].sort()) {
    const having = [...shapes].filter(([, bases]) => bases.has(base))
    for (const [language, bases] of shapes) {
      const shape = bases.get(base)
      if (!shape) {
        problems.push(
          `${language}: missing ${base} (${having.map(([l]) => l).join(', ')} ${having.length > 1 ? 'have' : 'has'} it)`,
        )
        continue
      }
      const plural = [...shape.forms].some((f) => f !== null)
      if (plural) {
        const needed = new Intl.PluralRules(language).resolvedOptions().pluralCategories
        const lacking = needed.filter((c) => !shape.forms.has(c))
        if (lacking.length)
          problems.push(`${language}: ${base} lacks the plural form(s) ${lacking.join(', ')}`)
        if (shape.forms.has(null)) problems.push(`${language}: ${base} is both a plain key and a plural`)
      }
    }
    const [first, ...others] = having
    for (const [language, bases] of others) {
      const a = first[1].get(base).placeholders
      const b = bases.get(base).placeholders
      if (!sameSet(a, b))
        problems.push(
          `${base}: placeholders differ — ${first[0]} [${[...a].sort().join(' ')}], ${language} [${[...b].sort().join(' ')}]`,
        )
    }
  }
  return problems
}

function sourceFiles(dirs) {
  const out = []
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const file = path.join(dir, name)
      if (statSync(file).isDirectory()) walk(file)
      else if (/\.(ts|tsx)$/.test(name) && !/\.d\.ts$/.test(name)) out.push(file)
    }
  }
  dirs.forEach(walk)
  return out.sort()
}

const stringOf = (node) =>
  node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : null

/** A template `a.${x}.b` as a pattern over keys: /^a\..+\.b$/. */
function patternOf(node) {
  if (!ts.isTemplateExpression(node)) return null
  const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const parts = [escape(node.head.text), ...node.templateSpans.map((s) => `.+${escape(s.literal.text)}`)]
  return parts.join('')
}

/** The namespace a `useTranslation(…)` call, an `ns` option or a `getFixedT(…, ns)` names, if any. */
function namespaceArgument(node) {
  if (!node) return null
  if (ts.isArrayLiteralExpression(node)) return stringOf(node.elements[0])
  return stringOf(node)
}

function nsOption(node) {
  if (!node || !ts.isObjectLiteralExpression(node)) return null
  for (const p of node.properties) {
    if (ts.isPropertyAssignment(p) && p.name.getText() === 'ns') return namespaceArgument(p.initializer)
  }
  return null
}

/** `TFunction<'errors'>`, or an alias of it (`type ErrorsT = TFunction<'errors'>`, from any scanned file). */
function namespaceOfType(type, aliases) {
  if (!type || !ts.isTypeReferenceNode(type)) return null
  const name = type.typeName.getText()
  if (name === 'TFunction') {
    const [first] = type.typeArguments ?? []
    return first && ts.isLiteralTypeNode(first) && ts.isStringLiteral(first.literal)
      ? first.literal.text
      : null
  }
  return aliases.get(name) ?? null
}

/**
 * Whether a useTranslation/getFixedT call gives the `t` called `callee`: `const { t } = useTranslation(…)`,
 * `const { t: te } = useTranslation('errors')` for `te`, or a call whose result is not destructured (`t` only).
 */
function bindsCallee(call, callee) {
  const declaration = call.parent
  if (!declaration || !ts.isVariableDeclaration(declaration)) return callee === 't'
  if (ts.isIdentifier(declaration.name)) return declaration.name.text === callee
  if (!ts.isObjectBindingPattern(declaration.name)) return callee === 't'
  return declaration.name.elements.some(
    (e) => ts.isIdentifier(e.name) && e.name.text === callee && (e.propertyName?.getText() ?? 't') === 't',
  )
}

/** The local names a file gives `t` (`const { t: te } = useTranslation('errors')`): called like `t`. */
function translatorNames(source) {
  const names = new Set(['t'])
  const visit = (node) => {
    if (ts.isBindingElement(node) && node.propertyName?.getText() === 't' && ts.isIdentifier(node.name))
      names.add(node.name.text)
    ts.forEachChild(node, visit)
  }
  visit(source)
  return names
}

/**
 * The namespace a `t` call uses: of the nearest enclosing function that declares `t` as a parameter typed
 * TFunction<'ns'>, or that (or the file) calls useTranslation/getFixedT; else the default.
 */
function enclosingNamespace(node, defaultNamespace, aliases) {
  const callee = ts.isCallExpression(node) && ts.isIdentifier(node.expression) ? node.expression.text : null
  for (let scope = node.parent; scope; scope = scope.parent) {
    if (!(ts.isFunctionLike(scope) || ts.isSourceFile(scope))) continue
    if (callee && ts.isFunctionLike(scope)) {
      const parameter = scope.parameters.find((p) => ts.isIdentifier(p.name) && p.name.text === callee)
      const typed = parameter && namespaceOfType(parameter.type, aliases)
      if (typed) return typed
    }
    let found = null
    const look = (n) => {
      if (found || (n !== scope && ts.isFunctionLike(n))) return
      if (ts.isCallExpression(n) && bindsCallee(n, callee)) {
        const called = n.expression.getText()
        if (called === 'useTranslation') found = namespaceArgument(n.arguments[0]) ?? defaultNamespace
        else if (called.endsWith('getFixedT')) found = namespaceArgument(n.arguments[1]) ?? defaultNamespace
      }
      if (!found) ts.forEachChild(n, look)
    }
    ts.forEachChild(scope, look)
    if (found) return found
  }
  return defaultNamespace
}

const qualify = (key, namespace) => (key.includes(':') ? key : `${namespace}:${key}`)

/** What the code asks for: exact keys (with where), patterns, and every string literal (as possible keys). */
export function scanSources(dirs, defaultNamespace = DEFAULTS.defaultNamespace) {
  const keys = []
  const patterns = []
  const literals = new Set()
  const sources = sourceFiles(dirs).map((file) => {
    const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS
    return ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, kind)
  })
  const aliases = new Map()
  for (const source of sources)
    for (const statement of source.statements)
      if (ts.isTypeAliasDeclaration(statement)) {
        const ns = namespaceOfType(statement.type, new Map())
        if (ns) aliases.set(statement.name.text, ns)
      }
  for (const source of sources) {
    const file = source.fileName
    const translators = translatorNames(source)
    const where = (node) =>
      `${path.relative(ROOT, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`
    const visit = (node) => {
      const literal = stringOf(node)
      if (literal !== null) literals.add(literal)
      let keyNode = null
      let namespace = null
      if (ts.isCallExpression(node)) {
        const callee = node.expression
        const name = ts.isIdentifier(callee)
          ? callee.text
          : ts.isPropertyAccessExpression(callee)
            ? callee.name.text
            : null
        if (name !== null && translators.has(name)) {
          keyNode = node.arguments[0]
          namespace = nsOption(node.arguments[1])
        }
      } else if (ts.isJsxAttribute(node) && node.name.getText() === 'i18nKey' && node.initializer) {
        keyNode = ts.isJsxExpression(node.initializer) ? node.initializer.expression : node.initializer
        const attributes = node.parent
        for (const a of attributes.properties) {
          if (ts.isJsxAttribute(a) && a.name.getText() === 'ns' && a.initializer)
            namespace = namespaceArgument(
              ts.isJsxExpression(a.initializer) ? a.initializer.expression : a.initializer,
            )
        }
      }
      if (keyNode) {
        const ns = namespace ?? enclosingNamespace(node, defaultNamespace, aliases)
        const key = stringOf(keyNode)
        const pattern = patternOf(keyNode)
        if (key !== null) keys.push({ key: qualify(key, ns), where: where(node) })
        else if (pattern !== null)
          patterns.push(new RegExp(`^${pattern.includes(':') ? pattern : `${ns}:${pattern}`}$`))
      }
      ts.forEachChild(node, visit)
    }
    visit(source)
  }
  return { keys, patterns, literals }
}

/** Keys the code asks for that English lacks, and English keys nothing uses. */
export function checkCatalogsAgainstCode(reference, scan) {
  const problems = []
  const bases = new Set([...reference.keys()].map((k) => splitPlural(k).base))
  for (const { key, where } of scan.keys) {
    if (!bases.has(key)) problems.push(`${where}: ${key} is not in the catalogs`)
  }
  const nested = new Set()
  for (const [key, text] of reference) {
    const namespace = key.slice(0, key.indexOf(':'))
    for (const m of text.matchAll(/\$t\(([^,)]+)/g)) nested.add(qualify(m[1].trim(), namespace))
  }
  const asked = new Set(scan.keys.map((k) => k.key))
  const used = (base) => {
    if (asked.has(base) || nested.has(base)) return true
    if (scan.patterns.some((p) => p.test(base))) return true
    const bare = base.slice(base.indexOf(':') + 1)
    return scan.literals.has(base) || (bare.includes('.') && scan.literals.has(bare))
  }
  for (const base of [...bases].sort()) {
    if (!used(base)) problems.push(`${base} is not used by the code`)
  }
  return problems
}

/** The whole check; an empty list when all is well. */
export function checkCatalogs(options = {}) {
  const { locales, sources, defaultNamespace, reference } = { ...DEFAULTS, ...options }
  const languages = readCatalogs(locales)
  const english = languages.get(reference)
  if (!english) return [`no ${reference} catalogs in ${locales}`]
  return [
    ...checkCatalogsAgainstEachOther(languages),
    ...checkCatalogsAgainstCode(english, scanSources(sources, defaultNamespace)),
  ]
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const problems = checkCatalogs()
  for (const p of problems) console.error(p)
  console.error(problems.length ? `${problems.length} catalog problem(s)` : 'catalogs: no problems')
  process.exit(problems.length ? 1 : 0)
}
