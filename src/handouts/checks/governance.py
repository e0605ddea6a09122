"""Turn each topic's governance into findings: a review date that has passed or is near, content published too
long ago, and drafts not yet reviewed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from handouts.checks.report import CheckOptions, Collector
from handouts.findings import Finding
from handouts.load import models as m
from handouts.load.project import Loaded, Project

REVIEW_SOON_DAYS = 90


def check_governance(project: Project, options: CheckOptions, out: Collector) -> None:
    for _, topic_set in sorted(project.topics.items()):
        _topic(topic_set.topic, options, out)


def review_due(topic: Loaded[m.Topic], today: date, soon_days: int = REVIEW_SOON_DAYS) -> Finding | None:
    """The one review-date rule: past the next review date is a warning; within ``soon_days`` of it, a note."""
    gov = topic.value.governance
    days = (gov.next_review - today).days
    where = topic.source.issue(("governance", "next_review"), "")
    if days < 0:
        return replace(where, severity="warning", code="review-overdue",
                       message=f"topic '{topic.name}' ({gov.code} v{gov.version}) was due for review on "
                               f"{gov.next_review.isoformat()}",
                       fix="have the reviewer re-check the content, then update version, published and next_review")
    if days <= soon_days:
        return replace(where, severity="info", code="review-soon",
                       message=f"topic '{topic.name}' ({gov.code} v{gov.version}) is due for review on "
                               f"{gov.next_review.isoformat()}, in {days} day{'s' if days != 1 else ''}",
                       fix=f"plan the review with the {gov.reviewer_role}")
    return None


def _topic(topic: Loaded[m.Topic], options: CheckOptions, out: Collector) -> None:
    gov = topic.value.governance
    src = topic.source
    due = review_due(topic, options.today, options.review_soon_days)
    if due is not None:
        out.finding(due)
    age = (options.today - gov.published).days / 365.25
    if age > options.max_age_years:
        out.add("warning", "too-old", f"topic '{topic.name}' was published {age:.1f} years ago; the limit is "
                                      f"{options.max_age_years:g}", "review and republish it, or withdraw it",
                src, ("governance", "published"))
    if topic.value.status == "draft":
        out.add("info", "draft", f"topic '{topic.name}' is a draft: {topic.value.review_note or 'not yet reviewed'}",
                f"have the {gov.reviewer_role} review it, then set status: reviewed", src, ("status",))
