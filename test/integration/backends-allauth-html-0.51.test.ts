import { defineAllauthHtmlConformance } from './allauth-html-conformance'

/** The allauth-html adapter against django-allauth 0.51 (Debian bookworm) on bookworm's Django 3.2. */
defineAllauthHtmlConformance('0.51')
