"""The one thing crispy-forms does that plain templates cannot: add Bootstrap classes to a field's widget."""
from django import template

register = template.Library()


@register.filter
def bs5_input(field):
    attrs = {"class": "form-control is-invalid" if field.errors else "form-control"}
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)
