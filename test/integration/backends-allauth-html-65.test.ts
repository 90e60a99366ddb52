import { defineAllauthHtmlConformance } from './allauth-html-conformance'

/** The allauth-html adapter against django-allauth 65 (Debian sid) with its headless app not installed. */
defineAllauthHtmlConformance('65')
