// The rich text editor of the curators' workroom (django-prose-editor's Tiptap build).
//
// Started here rather than by the package's own scripts: those need an inline import
// map and let Tiptap add <style> elements, which the Content-Security-Policy refuses.
// The editor writes only what memorial/core/html.py keeps: paragraphs, headings 2 to 4,
// bold, italic, underline, strike, sub- and superscript, lists, quotations, rules,
// line breaks and links, each link as <a href="…" rel="noopener noreferrer">, so that
// the sanitiser stores its output unchanged.
import {
  Blockquote,
  Bold,
  BulletList,
  Document,
  Dropcursor,
  Editor,
  Gapcursor,
  HardBreak,
  Heading,
  History,
  HorizontalRule,
  Italic,
  Link,
  ListItem,
  Menu,
  OrderedList,
  Paragraph,
  Strike,
  Subscript,
  Superscript,
  Text,
  Underline,
} from "../../django_prose_editor/editor.js";

const SELECTOR = "textarea[data-rich-text]";

const SafeLink = Link.extend({
  renderHTML({ HTMLAttributes }) {
    return ["a", { href: HTMLAttributes.href, rel: "noopener noreferrer" }, 0];
  },
}).configure({ openOnClick: false, autolink: false });

function label(textarea) {
  const found = textarea.id && document.querySelector(`label[for="${textarea.id}"]`);
  return found ? found.textContent.replace(/:$/, "").trim() : "";
}

function createEditor(textarea) {
  if (textarea.closest(".prose-editor")) return null;
  const disabled = textarea.hasAttribute("disabled");
  const wrapper = document.createElement("div");
  wrapper.className = disabled ? "prose-editor disabled" : "prose-editor";
  textarea.before(wrapper);
  wrapper.append(textarea);
  return new Editor({
    element: wrapper,
    editable: !disabled,
    injectCSS: false,
    extensions: [
      Document,
      Paragraph,
      Text,
      HardBreak,
      Dropcursor,
      Gapcursor,
      History,
      Menu,
      Bold,
      Italic,
      Underline,
      Strike,
      Subscript,
      Superscript,
      Heading.configure({ levels: [2, 3, 4] }),
      BulletList,
      OrderedList,
      ListItem,
      Blockquote,
      HorizontalRule,
      SafeLink,
    ],
    content: textarea.value,
    editorProps: {
      attributes: { role: "textbox", "aria-multiline": "true", "aria-label": label(textarea) },
    },
    onUpdate({ editor }) {
      const html = editor.getHTML();
      // An empty editor holds one empty paragraph: that is no text.
      textarea.value = /^<(\w+)(\s[^>]*)?><\/\1>$/i.test(html) ? "" : html;
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
    },
  });
}

function start(root) {
  for (const textarea of root.querySelectorAll(SELECTOR)) {
    if (!textarea.id.includes("__prefix__")) createEditor(textarea);
  }
}

start(document);
document.addEventListener("formset:added", (event) => start(event.target));
