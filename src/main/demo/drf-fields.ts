import { isValidEmail } from './email-validator'
import { pyStrip } from '../../shared/password-validators'
import { PyDict, PyNumber, pyTypeName, type PyValue } from './python-json'

/**
 * Django REST framework's serializer field rules (rest_framework/fields.py and serializers.py, DRF 3.14) for the
 * few field kinds djoser's serializers use: CharField and EmailField. What the client sees in a 400 comes from
 * here: which field, which message, in which order.
 */

/** A file part of a multipart body: DRF hands it to the field, which refuses it as "not a valid string". */
export class UploadedFile {
  constructor(readonly filename: string) {}
}

/** What DRF's `request.data` is: parsed JSON, a QueryDict (form or multipart, last value wins), or nothing. */
export type RequestData =
  { kind: 'json'; value: PyValue } | { kind: 'form'; fields: Map<string, Array<string | UploadedFile>> }

export const EMPTY_DATA: RequestData = { kind: 'json', value: new PyDict() }

export type FieldErrors = Map<string, string[]>

export const MESSAGES = {
  required: 'This field is required.',
  null: 'This field may not be null.',
  blank: 'This field may not be blank.',
  invalidString: 'Not a valid string.',
  invalidEmail: 'Enter a valid email address.',
  nullCharacters: 'Null characters are not allowed.',
  maxLength: (n: number) => `Ensure this field has no more than ${n} characters.`,
  surrogate: (cp: number) => `Surrogate characters are not allowed: U+${cp.toString(16).toUpperCase()}.`,
  notADict: (type: string) => `Invalid data. Expected a dictionary, but got ${type}.`,
} as const

export interface CharFieldSpec {
  name: string
  required?: boolean
  allowBlank?: boolean
  maxLength?: number
  email?: boolean
  /** Model validators DRF runs before the field's own (e.g. the username pattern and uniqueness). */
  modelValidators?: Array<(value: string) => string | null>
}

const ABSENT = Symbol('absent')
type Primitive = PyValue | UploadedFile | typeof ABSENT

/** Serializer-level refusal: the body is not a mapping. */
export function notAMapping(data: RequestData): string | null {
  if (data.kind === 'form') return null
  return data.value instanceof PyDict ? null : MESSAGES.notADict(pyTypeName(data.value))
}

/** Field.get_value, with DRF's special handling of HTML form input. */
function getValue(data: RequestData, spec: CharFieldSpec): Primitive {
  if (data.kind === 'json') {
    const dict = data.value as PyDict
    return dict.has(spec.name) ? (dict.get(spec.name) as PyValue) : ABSENT
  }
  const values = data.fields.get(spec.name)
  if (!values || values.length === 0) return ABSENT
  const last = values[values.length - 1] as string | UploadedFile
  // A blank optional form field counts as absent (DRF: "emptiness is valid"), unless blank is allowed.
  if (last === '' && spec.required === false) return spec.allowBlank ? '' : ABSENT
  return last
}

/** Python's str() of what a CharField accepts (str, int, float); null for anything it refuses. */
function pyStr(value: Primitive): string | null {
  if (typeof value === 'string') return value
  if (value instanceof PyNumber) return value.toString()
  return null
}

export type FieldResult = { ok: true; value: string } | { ok: false; errors: string[] } | { ok: 'skip' }

/** CharField/EmailField run_validation: presence, null, blank, type, then every validator (errors collected). */
export function runCharField(data: RequestData, spec: CharFieldSpec, partial = false): FieldResult {
  const required = spec.required !== false
  const raw = getValue(data, spec)
  if (raw === ABSENT) {
    if (partial || !required) return { ok: 'skip' }
    return { ok: false, errors: [MESSAGES.required] }
  }
  if (raw === null) return { ok: false, errors: [MESSAGES.null] }
  if (typeof raw === 'string' && pyStrip(raw) === '') {
    return spec.allowBlank ? { ok: true, value: '' } : { ok: false, errors: [MESSAGES.blank] }
  }
  const text = pyStr(raw)
  if (text === null)
    return { ok: false, errors: [spec.email ? MESSAGES.invalidEmail : MESSAGES.invalidString] }
  const value = pyStrip(text)
  const errors: string[] = []
  for (const validator of spec.modelValidators ?? []) {
    const problem = validator(value)
    if (problem) errors.push(problem)
  }
  if (spec.maxLength !== undefined && Array.from(value).length > spec.maxLength)
    errors.push(MESSAGES.maxLength(spec.maxLength))
  if (value.includes('\u0000')) errors.push(MESSAGES.nullCharacters)
  for (const ch of value) {
    const cp = ch.codePointAt(0) as number
    if (cp >= 0xd800 && cp <= 0xdfff) {
      errors.push(MESSAGES.surrogate(cp))
      break
    }
  }
  if (spec.email && !isValidEmail(value)) errors.push(MESSAGES.invalidEmail)
  return errors.length ? { ok: false, errors } : { ok: true, value }
}

/** The raw value djoser reads with `self.initial_data.get(name, "")` (not cleaned by the field). */
export function initialValue(data: RequestData, name: string): PyValue | UploadedFile {
  if (data.kind === 'json') {
    const dict = data.value as PyDict
    return dict.has(name) ? (dict.get(name) as PyValue) : ''
  }
  const values = data.fields.get(name)
  return values && values.length ? (values[values.length - 1] as string | UploadedFile) : ''
}

/** Runs several fields in order; the cleaned values, or the errors of every failing field (DRF's dict order). */
export function runFields(
  data: RequestData,
  specs: CharFieldSpec[],
  partial = false,
): { values: Map<string, string>; errors: FieldErrors } {
  const values = new Map<string, string>()
  const errors: FieldErrors = new Map()
  for (const spec of specs) {
    const result = runCharField(data, spec, partial)
    if (result.ok === true) values.set(spec.name, result.value)
    else if (result.ok === false) errors.set(spec.name, result.errors)
  }
  return { values, errors }
}

export const errorsToObject = (errors: FieldErrors): Record<string, string[]> => Object.fromEntries(errors)
