"""Sphinx's smart quotes on a plain docutils doctree (``make check``).

The build makes quotes, dashes and ellipses typographic (Sphinx's ``SphinxSmartQuotes``),
and a reply copies that text: ``make check`` reads the reply section the same way (its
duplicate-reply test compares the texts the build compares; the rest of the page is not
needed typographic, and is left as written).  docutils' transform
educates every block of text and replaces every text node; here a block with nothing to
educate is left as it is (most of a playbook: Portuguese has few apostrophes, and PEN's
writers often type “typographic” quotes already), and a text node only when its text
changed.  The tree is the same as docutils' (tests/test_smart_quotes.py compares them over
PEN's sample); the transform takes half the time (0.8 s less over 1,000 playbooks).
"""

from __future__ import annotations

import re

from docutils import nodes, utils
from docutils.transforms.universal import SmartQuotes
from docutils.utils import smartquotes
from sphinx.transforms import SphinxSmartQuotes

#: What educate_tokens may change: quotes, backticks, backslash escapes, entities, the
#: null-escapes of the parser, dashes (``--``) and ellipses (``...``, ``. . .``).  A token
#: without any of these comes back as it was, whatever the action ("qDe" or another),
#: except "-1", which turns typographic characters back into ASCII.
ACTIVE = re.compile(r"""['"`\\&\x00]|--|\.\.|\. \.""")


class PlaybookSmartQuotes(SmartQuotes):
    """docutils' ``SmartQuotes.apply`` with Sphinx's tokens, skipping blocks and text nodes
    that would come back unchanged."""

    get_tokens = SphinxSmartQuotes.get_tokens

    def apply(self) -> None:
        settings = self.document.settings
        smart = settings.setdefault("smart_quotes", False)
        if not smart:
            return
        alternative = isinstance(smart, str) and smart.startswith("alt")
        document_language = settings.language_code
        # "-1" turns typographic characters back into ASCII: any block may change.
        stupefy = self.smartquotes_action == "-1"
        if settings.smartquotes_locales:
            smartquotes.smartchars.quotes.update(dict(settings.smartquotes_locales))
        for node in (self.startnode or self.document).findall(nodes.TextElement):
            if isinstance(node, self.nodes_to_skip) or isinstance(node.parent, nodes.TextElement):
                continue  # preformatted or special, or not a block
            texts = [t for t in node.findall(nodes.Text) if not isinstance(t.parent, nodes.option_string)]
            language = self._language(node, document_language, alternative)
            if not stupefy and not any(ACTIVE.search(t) for t in texts):
                continue
            educated = smartquotes.educate_tokens(self.get_tokens(texts), attr=self.smartquotes_action,
                                                  language=language)
            for text, new in zip(texts, educated):
                if new != text:
                    text.parent.replace(text, nodes.Text(new))
        self.unsupported_languages.clear()

    def _language(self, node: nodes.TextElement, document_language: str, alternative: bool) -> str:
        """The block's quote language, as docutils picks it (and its warning when unknown)."""
        language = node.get_language_code(document_language)
        if alternative:
            language = language.replace("-x-altquot", "") if "-x-altquot" in language else language + "-x-altquot"
        for tag in utils.normalize_language_tag(language):
            if tag in smartquotes.smartchars.quotes:
                return tag
        if language not in self.unsupported_languages:
            self.document.reporter.warning(f'No smart quotes defined for language "{language}".', base_node=node)
        self.unsupported_languages.add(language)
        return ""


def apply(document: nodes.document, conf: dict, within: nodes.Element | None = None) -> None:
    """Educate ``document`` (or only the node ``within`` it) as the HTML build would with
    ``conf``'s ``language`` and ``smartquotes*`` values (nothing when they turn it off)."""
    language = conf.get("language") or "en"
    excluded = (conf.get("smartquotes_excludes") or {}).get("languages", [])
    if not conf.get("smartquotes", True) or language in excluded:
        return
    if not any(tag in smartquotes.smartchars.quotes for tag in utils.normalize_language_tag(language)):
        return
    document.settings.smart_quotes = True
    document.settings.language_code = language
    transform = PlaybookSmartQuotes(document, within)
    transform.smartquotes_action = conf.get("smartquotes_action", "qDe")
    transform.apply()
