"""The rich text editor curators write formatted text with."""

from django import forms


class RichTextWidget(forms.Textarea):
    """A textarea the editor takes over (`memorial/admin/rich-text.js`); without scripts it
    stays a textarea of HTML, and the sanitiser cleans whatever it holds."""

    def __init__(self, attrs=None):
        super().__init__({"data-rich-text": "", **(attrs or {})})

    @property
    def media(self):
        return forms.Media(
            css={
                "all": [
                    "django_prose_editor/material-icons.css",
                    "django_prose_editor/editor.css",
                    "django_prose_editor/overrides.css",
                ]
            },
            js=[forms.Script("memorial/admin/rich-text.js", type="module")],
        )

    def use_required_attribute(self, initial):
        # The textarea is hidden under the editor: the browser could not point at it.
        return False
