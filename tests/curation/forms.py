"""Build the POST data an admin form would send, starting from what it renders."""

from django.forms import CheckboxInput, ModelMultipleChoiceField, MultipleChoiceField


def _field_data(form, data):
    for name, field in form.fields.items():
        key = form.add_prefix(name)
        value = form[name].value()
        if isinstance(field.widget, CheckboxInput):
            if value:
                data[key] = "on"
            continue
        if isinstance(field, MultipleChoiceField | ModelMultipleChoiceField):
            data[key] = [str(v) for v in value or []]
        elif value is None:
            data[key] = ""
        elif isinstance(value, list | tuple):
            data[key] = [str(v) for v in value]
        elif hasattr(value, "pk"):
            data[key] = str(value.pk)
        else:
            data[key] = value if isinstance(value, str) else str(value)


def admin_form_data(response, **overrides):
    """The data of the rendered add/change form and its inlines, with `overrides` applied.

    Date-time fields are split in two by the admin (`name_0` date, `name_1` time).
    """
    context = response.context
    form = context["adminform"].form
    data = {}
    _field_data(form, data)
    for name, field in form.fields.items():
        if field.widget.__class__.__name__ == "AdminSplitDateTime":
            value = form[name].value()
            data.pop(name, None)
            data[f"{name}_0"] = "" if not value else str(value)[:10]
            data[f"{name}_1"] = "" if not value else str(value)[11:19]
    for inline in context.get("inline_admin_formsets", []):
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
        for inline_form in formset.forms:
            _field_data(inline_form, data)
    for key, value in overrides.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data
