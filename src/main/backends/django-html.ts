import type { Element, Node, ParentNode } from 'domhandler'
import { parseDocument } from 'htmlparser2'
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

export interface DjangoForm {
  /** Where the form posts: its `action` resolved against the page (the page itself when absent). */
  action: string
  /** Lower-case `method` (`get` when absent, as in browsers). */
  method: string
  /** The form's own hidden `csrfmiddlewaretoken`, or null. */
  csrf: string | null
  /** The form's other hidden inputs, name → value, sent back as a browser would (a wizard's step, `next`). */
  hidden: Record<string, string>
  /** The form's named inputs a person fills in (not hidden, not buttons), in page order. */
  inputs: FormInput[]
  /** Field name (the server's) → messages, with the form's own errors under `__all__`. */
  errors: FieldErrors
}

const SKIPPED = new Set(['template', 'script', 'style', 'noscript'])
const BUTTON_TYPES = new Set(['hidden', 'submit', 'button', 'reset', 'image'])
const NONFIELD_CLASSES = ['nonfield', 'non-field-errors', 'alert-danger', 'alert-error', 'errornote']

const isElement = (node: Node): node is Element => node.type === 'tag'
const attr = (el: Element, name: string) => el.attribs[name] ?? ''
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

const isFieldInput = (el: Element) =>
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

type LocatedForm = { form: Element; owned: Element[]; fields: Element[]; all: Element[] }

/** The first form on the page (in page order, outside `<template>`) whose inputs include every `expected` name. */
function locateForm(html: string, expected: readonly string[]): LocatedForm | null {
  const all = [...elements(parseDocument(html))]
  const ownedBy = (form: Element) => {
    const id = attr(form, 'id')
    // An input belongs to the form around it, or to the one its `form` attribute names.
    return all.filter((el) =>
      el.attribs['form'] !== undefined ? id !== '' && el.attribs['form'] === id : formOf(el) === form,
    )
  }
  for (const form of all.filter((el) => el.name === 'form')) {
    const owned = ownedBy(form)
    const fields = owned.filter(isFieldInput)
    const names = new Set(fields.map((el) => attr(el, 'name')))
    if (expected.every((name) => names.has(name))) return { form, owned, fields, all }
  }
  return null
}

/**
 * The form holding every `expected` input, read (see locateForm); null when no form has them. `pageUrl` is the
 * address the page was fetched from (after redirects).
 */
export function readForm(html: string, pageUrl: string, expected: readonly string[]): DjangoForm | null {
  const located = locateForm(html, expected)
  if (!located) return null
  const { form, owned, fields, all } = located
  return {
    action: actionOf(form, pageUrl),
    method: (attr(form, 'method') || 'get').toLowerCase(),
    csrf: csrfOf(owned),
    hidden: hiddenOf(owned),
    inputs: fields.map((el) => ({
      name: attr(el, 'name'),
      type: el.name === 'input' ? attr(el, 'type').toLowerCase() || 'text' : el.name,
      autocomplete: attr(el, 'autocomplete').toLowerCase(),
      label: labelOf(el, all),
    })),
    errors: errorsOf(form, fields, all),
  }
}

/** Whether the page has the form holding every `expected` input, without reading its labels and errors. */
export const hasForm = (html: string, expected: readonly string[]): boolean =>
  locateForm(html, expected) !== null

/** Whether the page shows any form at all (a page without one is no Django form page: a portal, say). */
export const hasAnyForm = (html: string): boolean =>
  [...elements(parseDocument(html))].some((el) => el.name === 'form')

function actionOf(form: Element, pageUrl: string): string {
  const action = attr(form, 'action').trim()
  try {
    const url = new URL(action || pageUrl, pageUrl)
    url.hash = ''
    return url.href
  } catch {
    return pageUrl
  }
}

function csrfOf(owned: Element[]): string | null {
  for (const el of owned) {
    if (el.name !== 'input' || attr(el, 'name') !== 'csrfmiddlewaretoken') continue
    const value = attr(el, 'value')
    if (/^[A-Za-z0-9]{16,128}$/.test(value)) return value
  }
  return null
}

function hiddenOf(owned: Element[]): Record<string, string> {
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
