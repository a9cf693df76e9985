"""Template helpers for the pages' forms."""

from django import forms, template

register = template.Library()


@register.inclusion_tag("annotations/_field_groups.html")
def field_groups(form: forms.Form, names: str) -> dict:
    """Show the named fields (space-separated, in this order), each with its label and errors."""
    return {"fields": [form[name] for name in names.split()]}
