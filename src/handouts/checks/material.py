"""Turn a document in one language into what its reader meets: the title, the main message, its blocks in
the order of the layout's slots, their running text, and the topic's glossary in that language."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from handouts.checks.text import glossary, running_text, untemplated
from handouts.load import models as m
from handouts.load.project import Loaded, Project, TopicSet


@dataclass(frozen=True)
class Material:
    name: str
    lang: str
    document: Loaded[m.Document]
    layout: m.Layout
    topic_set: TopicSet
    title: str
    main_message: str  # as written, templates read as words
    blocks: tuple[m.Block, ...]  # every block in its slots, in slot order
    words: Mapping[str, str]  # the language's words that templates use ({{ words.therapist }})

    @property
    def teaching(self) -> list[m.Block]:
        return [b for b in self.blocks if m.BLOCK_KINDS[b.kind]]

    @property
    def texts(self) -> list[str]:
        """The running text of the teaching blocks."""
        return [t for b in self.teaching for t in running_text(b, self.words)]

    @property
    def reader_texts(self) -> list[str]:
        """The main message, then the teaching text: what the reading figures and explanations are read on."""
        return [untemplated(self.main_message, self.words), *self.texts]

    @property
    def glossary(self) -> list[str]:
        return glossary(self.topic_set.topic.value)


def languages(project: Project, name: str) -> list[str]:
    """The languages a document exists in: those of its topic."""
    return project.topics[project.documents[name].value.topic].languages()


def material(project: Project, name: str, lang: str) -> Material:
    """A document in one language, with its own title and main message where the translation gives them
    (the same choice ``resolve`` makes for a PDF)."""
    loaded = project.documents[name]
    doc = loaded.value
    base = project.topics[doc.topic]
    topic_set = base.for_language(lang)
    topic = topic_set.topic.value
    own = topic_set.documents.get(name) if topic_set is not base else None
    title = (own.title if own and own.title else None) or (doc.title if topic_set is base else None) or topic.title
    message = (own.main_message if own and own.main_message else None) or \
        (doc.main_message if topic_set is base else None) or topic.main_message
    blocks = tuple(topic_set.blocks[b].value for names in doc.slots.values() for b in names
                   if b in topic_set.blocks)
    return Material(name, lang, loaded, project.layouts[doc.layout].value, topic_set, title, message, blocks,
                    project.strings.get(lang, {}))
