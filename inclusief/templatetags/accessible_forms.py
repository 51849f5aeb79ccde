"""Template helpers for forms that follow the GOV.UK / NL Design System error pattern."""

from django import forms, template

register = template.Library()

CHOICE_WIDGETS = (forms.RadioSelect, forms.CheckboxSelectMultiple)


def _ids(field: forms.BoundField) -> list[str]:
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}-hint")
    if field.errors:
        ids.append(f"{field.auto_id}-error")
    return ids


@register.filter
def describedby(field: forms.BoundField) -> str:
    return " ".join(_ids(field))


@register.filter
def accessible(field: forms.BoundField) -> str:
    """The field's widget with Bootstrap classes, aria-invalid and aria-describedby."""
    widget = field.field.widget
    if isinstance(widget, forms.CheckboxInput):
        css = "form-check-input"
    elif isinstance(widget, forms.Select):
        css = "form-select"
    else:
        css = "form-control"
    attrs = {"class": css + (" is-invalid" if field.errors else "")}
    ids = _ids(field)
    if ids:
        attrs["aria-describedby"] = " ".join(ids)
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


@register.filter
def is_checkbox(field: forms.BoundField) -> bool:
    return isinstance(field.field.widget, forms.CheckboxInput)


@register.filter
def is_choice_group(field: forms.BoundField) -> bool:
    return isinstance(field.field.widget, CHOICE_WIDGETS)


@register.simple_tag
def error_links(*forms_: forms.Form) -> list[tuple[str, str]]:
    """(anchor, message) for every error of the given forms, in field order."""
    links = []
    for form in forms_:
        if not isinstance(form, forms.BaseForm) or not form.is_bound:
            continue
        for error in form.non_field_errors():
            links.append(("", error))
        for field in form:
            if field.is_hidden:
                continue
            anchor = field.auto_id
            if isinstance(field.field.widget, CHOICE_WIDGETS):
                anchor = f"{field.auto_id}_0"
            for error in field.errors:
                links.append((f"#{anchor}", error))
        for field in form.hidden_fields():
            for error in field.errors:
                links.append(("", error))
    return links
