"""Turn a loaded project and a selection into jobs, and each job into one render-ready document (stage 2):
the build matrix, contact and brand merging, templates, the inline-markup parser, locale strings and dates."""

from handouts.resolve.contact import Contact, merge_brand, merge_contact
from handouts.resolve.plan import Job, plan
from handouts.resolve.resolved import RenderedBlock, Resolved, render_block, resolve

__all__ = ["Contact", "Job", "RenderedBlock", "Resolved", "merge_brand", "merge_contact", "plan", "render_block",
           "resolve"]
