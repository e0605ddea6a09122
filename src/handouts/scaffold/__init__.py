"""Turn a few answers into new project files (a clinic, a location, a document) that build at once."""

from handouts.scaffold.create import new_clinic, new_document, new_location

__all__ = ["new_clinic", "new_document", "new_location"]
