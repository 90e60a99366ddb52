import type { Element, Node, ParentNode } from 'domhandler'
import { Parser, parseDocument } from 'htmlparser2'
import type { FieldErrors } from '../../shared/errors'

/**
 * Reading a Django page's form the way a browser sees it (htmlparser2's HTML parser: comments, `<template>`
 * contents and script text are never taken for markup; entities and quoting are the parser's job).
 *
 * *The* form is the one holding the inputs the caller expects; other forms on the page (a search box, a
 * newsletter sign-up) contribute neither their CSRF token nor their errors. Errors are read from every markup
 * convention seen in the field, messages verbatim:
 * - Django's `errorlist` (`nonfield` for the form's own errors; since 5.2 its id names the field);
 * - crispy-forms Bootstrap 4/5: `invalid-feedback` next to an input marked `is-invalid`, ids `error_1_id_x`;
 * - `aria-describedby` from an input to its error;
 * - non-field errors wherever the template puts them (`alert-danger`, `errornote`, `non-field-errors`), even
 *   outside the form.
 * A field error goes to the input it shares a wrapper with, else to the next input after it.
 */

export interface FormInput {
  name: string
  /** Lower-case `type` (`text` when absent); `select` and `textarea` for those elements. */
  type: string
  autocomplete: string
  /** The text of its `<label for>` (or the label around it), trimmed, trailing colon and asterisk removed. */
  label: string
}

/** Where and how a form posts, and what it sends besides what the user types. */
export interface FormTarget {
  /** Where the form posts: its `action` resolved against the page (the page itself when absent). */
  action: string
  /** Lower-case `method` (`get` when absent, as in browsers). */
  method: string
  /** The form's own hidden `csrfmiddlewaretoken`, or null. */
  csrf: string | null
  /** The form's other hidden inputs, name → value, sent back as a browser would (a wizard's step, `next`). */
  hidden: Record<string, string>
}

export interface DjangoForm extends FormTarget {
  /** The form's named inputs a person fills in (not hidden, not buttons), in page order. */
  inputs: FormInput[]
  /** Field name (the server's) → messages, with the form's own errors under `__all__`. */
  errors: FieldErrors
}

const SKIPPED = new Set(['template', 'script', 'style', 'noscript'])
const BUTTON_TYPES = new Set(['hidden', 'submit', 'button', 'reset', 'image'])
const NONFIELD_CLASSES = ['nonfield', 'non-field-errors', 'alert-danger', 'alert-error', 'errornote']

const isElement = (node: Node): node is Element => node.type === 'tag'
const attr = (el: Tagged, name: string) => el.attribs[name] ?? ''
const classes = (el: Element) => attr(el, 'class').split(/\s+/).filter(Boolean)
const hasClass = (el: Element, name: string) => classes(el).includes(name)

/** Every element under `root` in page order, never entering comments, `<template>`, scripts or styles. */
function* elements(root: ParentNode): Generator<Element> {
  for (const child of root.children) {
    if (!isElement(child) || SKIPPED.has(child.name)) continue
    yield child
    yield* elements(child)
  }
}

/** Text as shown: comments and hidden containers left out, white space collapsed. */
function textOf(node: Node): string {
  const parts: string[] = []
  const walk = (n: Node) => {
    if (n.type === 'text') parts.push((n as Node & { data: string }).data)
    else if (isElement(n) && !SKIPPED.has(n.name)) n.children.forEach(walk)
  }
  walk(node)
  return parts.join('').replace(/\s+/g, ' ').trim()
}

const isFieldInput = (el: Tagged) =>
  (el.name === 'input' && !BUTTON_TYPES.has(attr(el, 'type').toLowerCase()) && attr(el, 'name') !== '') ||
  ((el.name === 'select' || el.name === 'textarea') && attr(el, 'name') !== '')

const contains = (ancestor: Element, node: Node) => {
  for (let n: ParentNode | null = node.parent; n; n = n.parent) if (n === ancestor) return true
  return false
}

const formOf = (node: Node): Element | null => {
  for (let n: ParentNode | null = node.parent; n; n = n.parent)
    if (isElement(n) && n.name === 'form') return n
  return null
}

const nonField = (el: Element) =>
  NONFIELD_CLASSES.some((c) => hasClass(el, c)) && !(hasClass(el, 'errorlist') && !hasClass(el, 'nonfield'))

const looksLikeError = (el: Element) =>
  hasClass(el, 'errorlist') || hasClass(el, 'invalid-feedback') || /error|invalid/i.test(attr(el, 'id'))

const markedInvalid = (input: Element) =>
  hasClass(input, 'is-invalid') || attr(input, 'aria-invalid').toLowerCase() === 'true'

/** One message per `<li>`, else the container's text as one message. */
function messagesOf(el: Element): string[] {
  const items = [...elements(el)].filter((e) => e.name === 'li')
  const texts = items.length > 0 ? items.map(textOf) : [textOf(el)]
  return texts.filter((t) => t.length > 0)
}

function labelOf(input: Element, all: Element[]): string {
  const id = attr(input, 'id')
  let label = id ? all.find((e) => e.name === 'label' && attr(e, 'for') === id) : undefined
  for (let n: ParentNode | null = input.parent; !label && n; n = n.parent)
    if (isElement(n) && n.name === 'label') label = n
  return label
    ? textOf(label)
        .replace(/[\s*:]+$/, '')
        .trim()
    : ''
}

/** An element as the parser reports it: a streamed tag or a DOM `Element` (both carry these two). */
type Tagged = { name: string; attribs: Record<string, string> }
/** A tag in page order: `seq` is its index among the page's elements (comments, `<template>`, scripts out). */
type Tag = Tagged & { seq: number }
type ScannedForm = { tag: Tag; nested: Tag[]; names: Set<string> }

const OWNABLE = new Set(['input', 'select', 'textarea'])

/**
 * Which form each input belongs to, decided while the page is read (streamed or walked, in page order): the
 * form around it, or the one(s) its `form` attribute names by id — even a form further down the page.
 * The one place for that rule; `complete` forms hold every `expected` field name. Ownership only grows as the
 * page goes on, so a form once complete stays complete.
 */
class FormOwnership {
  private readonly forms: ScannedForm[] = []
  private readonly byFormAttribute = new Map<string, Tag[]>()
  private readonly namesByFormAttribute = new Map<string, Set<string>>()
  private readonly stack: (ScannedForm | 'skipped' | null)[] = []
  private readonly openForms: ScannedForm[] = []
  private skipping = 0
  private seq = 0

  constructor(private readonly expected: readonly string[]) {}

  /** An element opens; true when that makes some form complete. */
  open(name: string, attribs: Record<string, string>): boolean {
    if (SKIPPED.has(name)) {
      this.skipping++
      this.stack.push('skipped')
      return false
    }
    if (this.skipping > 0) {
      this.stack.push(null)
      return false
    }
    const tag: Tag = { name, attribs, seq: this.seq++ }
    if (name === 'form') {
      const form: ScannedForm = { tag, nested: [], names: new Set() }
      this.forms.push(form)
      this.openForms.push(form)
      this.stack.push(form)
      return this.complete(form)
    }
    this.stack.push(null)
    if (!OWNABLE.has(name)) return false
    const target = attribs['form']
    if (target !== undefined) {
      if (target === '') return false
      const tags = this.byFormAttribute.get(target) ?? []
      tags.push(tag)
      this.byFormAttribute.set(target, tags)
      if (isFieldInput(tag)) {
        const names = this.namesByFormAttribute.get(target) ?? new Set()
        names.add(attr(tag, 'name'))
        this.namesByFormAttribute.set(target, names)
      }
      return this.forms.some((f) => attr(f.tag, 'id') === target && this.complete(f))
    }
    const owner = this.openForms.at(-1)
    if (!owner) return false
    owner.nested.push(tag)
    if (isFieldInput(tag)) owner.names.add(attr(tag, 'name'))
    return this.complete(owner)
  }

  close(): void {
    const top = this.stack.pop()
    if (top === 'skipped') this.skipping--
    else if (top) this.openForms.pop()
  }

  /** The form's inputs, selects and text areas, in page order. */
  owned(form: ScannedForm): Tag[] {
    const id = attr(form.tag, 'id')
    const named = id ? (this.byFormAttribute.get(id) ?? []) : []
    return named.length === 0 ? form.nested : [...form.nested, ...named].sort((a, b) => a.seq - b.seq)
  }

  /** The first complete form in page order, with what it owns. */
  located(): { form: Tag; owned: Tag[] } | null {
    const form = this.forms.find((f) => this.complete(f))
    return form ? { form: form.tag, owned: this.owned(form) } : null
  }

  private complete(form: ScannedForm): boolean {
    const id = attr(form.tag, 'id')
    const named = id ? this.namesByFormAttribute.get(id) : undefined
    return this.expected.every((name) => form.names.has(name) || named?.has(name) === true)
  }
}

/**
 * Streams the page through htmlparser2's tokenizer (no DOM built) into a FormOwnership; with `stopWhenComplete`
 * the parser stops at the first complete form.
 */
function streamOwnership(html: string, expected: readonly string[], stopWhenComplete: boolean) {
  const ownership = new FormOwnership(expected)
  let completed = false
  const parser: Parser = new Parser({
    onopentag: (name, attribs) => {
      if (ownership.open(name, attribs) && stopWhenComplete) {
        completed = true
        parser.pause()
      }
    },
    onclosetag: () => ownership.close(),
  })
  parser.write(html)
  if (!completed) parser.end()
  return { ownership, completed }
}

/** The same ownership over a parsed document, and every element in page order (`all[tag.seq]` is the tag's). */
function walkOwnership(doc: ParentNode, expected: readonly string[]) {
  const ownership = new FormOwnership(expected)
  const all: Element[] = []
  const walk = (parent: ParentNode) => {
    for (const child of parent.children) {
      if (!isElement(child) || SKIPPED.has(child.name)) continue
      all.push(child)
      ownership.open(child.name, child.attribs)
      walk(child)
      ownership.close()
    }
  }
  walk(doc)
  return { ownership, all }
}

/**
 * Where and how the form holding every `expected` input posts, and what it sends besides the user's input —
 * without its labels and errors, read in one streamed pass (no DOM). Null when no form has them. `pageUrl` is
 * the address the page was fetched from (after redirects).
 */
export function readFormTarget(
  html: string,
  pageUrl: string,
  expected: readonly string[],
): FormTarget | null {
  const located = streamOwnership(html, expected, false).ownership.located()
  return located ? targetOf(located.form, located.owned, pageUrl) : null
}

function targetOf(form: Tagged, owned: Tagged[], pageUrl: string): FormTarget {
  return {
    action: actionOf(form, pageUrl),
    method: (attr(form, 'method') || 'get').toLowerCase(),
    csrf: csrfOf(owned),
    hidden: hiddenOf(owned),
  }
}

/**
 * The form holding every `expected` input (the first in page order), read with its labels and errors; null
 * when no form has them. `pageUrl` is the address the page was fetched from (after redirects).
 */
export function readForm(html: string, pageUrl: string, expected: readonly string[]): DjangoForm | null {
  const { ownership, all } = walkOwnership(parseDocument(html), expected)
  const located = ownership.located()
  if (!located) return null
  const form = all[located.form.seq]!
  const owned = located.owned.map((tag) => all[tag.seq]!)
  const fields = owned.filter(isFieldInput)
  return {
    ...targetOf(form, owned, pageUrl),
    inputs: fields.map((el) => ({
      name: attr(el, 'name'),
      type: el.name === 'input' ? attr(el, 'type').toLowerCase() || 'text' : el.name,
      autocomplete: attr(el, 'autocomplete').toLowerCase(),
      label: labelOf(el, all),
    })),
    errors: errorsOf(form, fields, all),
  }
}

/**
 * Whether the page has the form holding every `expected` input: streamed, the parser stopping at the first
 * such form (later inputs can only add to a form, never take its inputs away).
 */
export const hasForm = (html: string, expected: readonly string[]): boolean =>
  streamOwnership(html, expected, true).completed

/** Whether the page shows any form at all (a page without one is no Django form page: a portal, say). */
export const hasAnyForm = (html: string): boolean => hasForm(html, [])

function actionOf(form: Tagged, pageUrl: string): string {
  const action = attr(form, 'action').trim()
  try {
    const url = new URL(action || pageUrl, pageUrl)
    url.hash = ''
    return url.href
  } catch {
    return pageUrl
  }
}

function csrfOf(owned: Tagged[]): string | null {
  for (const el of owned) {
    if (el.name !== 'input' || attr(el, 'name') !== 'csrfmiddlewaretoken') continue
    const value = attr(el, 'value')
    if (/^[A-Za-z0-9]{16,128}$/.test(value)) return value
  }
  return null
}

function hiddenOf(owned: Tagged[]): Record<string, string> {
  const hidden: Record<string, string> = {}
  for (const el of owned) {
    const name = attr(el, 'name')
    if (
      el.name === 'input' &&
      attr(el, 'type').toLowerCase() === 'hidden' &&
      name &&
      name !== 'csrfmiddlewaretoken'
    )
      hidden[name] = attr(el, 'value')
  }
  return hidden
}

function errorsOf(form: Element, fields: Element[], all: Element[]): FieldErrors {
  const errors: FieldErrors = {}
  const add = (key: string, messages: string[]) => {
    if (messages.length > 0) errors[key] = [...(errors[key] ?? []), ...messages]
  }
  const taken = new Set<Element>()
  const insideTaken = (el: Element) => [...taken].some((t) => contains(t, el))

  // The form's own errors: inside it, or outside every form (a banner above it).
  for (const el of all) {
    if (!nonField(el) || insideTaken(el)) continue
    const owner = formOf(el)
    if (owner !== null && owner !== form) continue
    taken.add(el)
    add('__all__', messagesOf(el))
  }

  const describedBy = new Map<string, Element>()
  for (const input of fields)
    for (const id of attr(input, 'aria-describedby').split(/\s+/).filter(Boolean)) describedBy.set(id, input)
  const byId = new Map(fields.filter((f) => attr(f, 'id')).map((f) => [attr(f, 'id'), f]))

  for (const el of all) {
    if (!contains(form, el) || taken.has(el) || insideTaken(el)) continue
    const id = attr(el, 'id')
    const described = id ? describedBy.get(id) : undefined
    const feedback = hasClass(el, 'invalid-feedback')
    if (
      !hasClass(el, 'errorlist') &&
      !feedback &&
      !(described && markedInvalid(described) && looksLikeError(el))
    )
      continue
    const input =
      described ?? inputNamedById(id, byId) ?? wrapperInput(el, form, fields) ?? nextInput(el, fields, all)
    // Bootstrap pages may carry feedback text for client-side checks: only an input marked invalid shows it.
    if (feedback && !hasClass(el, 'd-block') && !(input && markedInvalid(input))) continue
    taken.add(el)
    add(input ? attr(input, 'name') : '__all__', messagesOf(el))
  }
  return errors
}

/** Django 5.2's `id_<field>_error`, crispy's `error_1_id_<field>`. */
function inputNamedById(id: string, byId: Map<string, Element>): Element | undefined {
  const match = /^(?:error_\d+_)?(.+?)(?:_error)?$/.exec(id)
  if (!id || !match?.[1] || match[1] === id) return undefined
  return byId.get(match[1])
}

/** The one input that shares the error's nearest wrapper holding any input (`<div>`, `<td>`, `<li>`). */
function wrapperInput(el: Element, form: Element, fields: Element[]): Element | undefined {
  for (let n: ParentNode | null = el.parent; n && n !== form; n = n.parent) {
    const inside = fields.filter((f) => contains(n as Element, f))
    if (inside.length === 1) return inside[0]
    if (inside.length > 1) return undefined
  }
  return undefined
}

/** Django's stock renderings put a field's errors right before its input. */
function nextInput(el: Element, fields: Element[], all: Element[]): Element | undefined {
  const at = all.indexOf(el)
  return fields.find((f) => all.indexOf(f) > at)
}
