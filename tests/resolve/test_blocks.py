"""A block without a template is made once per loaded project and used for every location (its file still noted
as read by each job); a block with one is made for each location, with its words."""

from __future__ import annotations

from handouts.api import load_project
from handouts.load import reads
from handouts.resolve import plan, resolve


def _blocks(project, location):
    (job,) = plan(project, ["dry-needling-brochure"], None, location, None, "en")
    with reads.tapping() as noted:
        r = resolve(project, job)
    return {b.id: b for blocks in r.slots.values() for b in blocks}, {str(path) for path, _, _ in noted}


def test_plain_blocks_are_shared_and_templated_ones_are_made_per_location(demo_root):
    project = load_project(demo_root)
    first, first_reads = _blocks(project, "portland-pearl")
    second, second_reads = _blocks(project, "leeds-headingley")
    assert first.keys() == second.keys()
    shared = [name for name in first if first[name] is second[name]]
    own = [name for name in first if first[name] is not second[name]]
    assert "key_points" in shared and "call_to_action" in own, (shared, own)
    assert any("(503)" in str(item) or "Portland" in str(item) for item in first["call_to_action"].items)
    assert not any("(503)" in str(item) for item in second["call_to_action"].items)
    key_points = next(path for path in first_reads if path.endswith("key_points.yaml"))
    assert key_points in second_reads  # the shared block's file is still a read of the second job
    again = load_project(demo_root)  # another loaded project makes its own
    assert _blocks(again, "leeds-headingley")[0]["key_points"] is not second["key_points"]
