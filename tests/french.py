"""Leftover English in what a French user reads: words that French never
uses, found whole (a name such as "Mitchell Admin" or a serial number is not
a sentence)."""

import html
import re

ENGLISH = {
    "the", "of", "and", "has", "have", "been", "was", "is", "are", "created",
    "will", "hello", "dear", "review", "invite", "collect", "devices",
    "registered", "failed", "assigned", "you", "your", "this", "with", "from",
    "request", "quote", "empty", "drive", "wipe",
}  # fmt: skip
WORD = re.compile(r"[A-Za-zÀ-ÿ']+")


def text_of(body):
    """The text of an HTML message body."""
    return html.unescape(re.sub(r"<[^>]+>", " ", body or ""))


def english(text):
    """The English words of `text`, in order of appearance."""
    return [w for w in WORD.findall(text) if w.lower() in ENGLISH]
