"""Turn a few answers into new, commented YAML files (a clinic, a location, a document) that build at once and
pass `handouts check`; nothing existing is ever overwritten."""

from __future__ import annotations

import json
import re
from pathlib import Path

from handouts.batch.output import write_atomic
from handouts.checks import CheckOptions, check_project
from handouts.errors import HandoutsError, InputError, LayoutOverflow, UnknownName
from handouts.layout import Renderer
from handouts.load import Project, load_project
from handouts.load import models as m
from handouts.resolve import plan, resolve
from handouts.scaffold import answers


def _q(value: str) -> str:
    """A YAML scalar that reads back as exactly this text (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def _check_id(kind: str, value: str) -> None:
    try:
        answers.identifier(kind, value)
    except answers.Answer as exc:
        raise HandoutsError(str(exc)) from None


def _verify(root: Path, written: Path, previous: bytes | None) -> Project:
    """Load and check the project with the new file; on any error put things back as they were."""
    try:
        project = load_project(root)
        errors = [f for f in check_project(project, CheckOptions(glyphs=False)).findings if f.severity == "error"]
        if errors:
            raise HandoutsError("the new file does not pass the checks:\n" + "\n".join(f"  {f}" for f in errors))
    except (InputError, HandoutsError):
        if previous is None:
            written.unlink(missing_ok=True)
        else:
            write_atomic(written, previous)
        raise
    return project


def _location_yaml(loc_id: str, name: str, address: list[str], phone: str | None, email: str | None,
                   booking_url: str | None, paper: str | None, locale: str | None, indent: str = "  ") -> str:
    lines = [
        f"{indent}- id: {loc_id}                 # used in file names: out/<clinic>/{loc_id}/…",
        f"{indent}  name: {_q(name)}         # printed as written (& and accents are fine)",
        f"{indent}  address:                     # one line each",
        *(f"{indent}    - {_q(line)}" for line in address),
    ]
    optional = [
        ("phone", phone, "this location's number (else the clinic's)"),
        ("email", email, "else the clinic's"),
        ("booking_url", booking_url, "the QR code on the brochure leads here"),
        ("paper", paper, "letter or a4"),
        ("locale", locale, "e.g. en-US, en-GB: dates and emergency number follow it"),
    ]
    for key, value, comment in optional:
        if value:
            lines.append(f"{indent}  {key}: {_q(value)}    # {comment}")
    return "\n".join(lines) + "\n"


def _luminance(hex_value: str) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(int(hex_value[i:i + 2], 16) / 255) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _palette(primary: str) -> dict[str, str]:
    """The colour tokens from the one brand colour given: neutral text and paper, the primary itself as the
    accent, a pale tint of it, and white or near-black on it, whichever reads better (WCAG contrast)."""
    white_contrast = 1.05 / (_luminance(primary) + 0.05)
    tint = "#" + "".join(f"{round(int(primary[i:i + 2], 16) * 0.12 + 255 * 0.88):02X}" for i in (1, 3, 5))
    return {"primary": primary, "accent": primary, "text": "#1A1A1A", "muted": "#595959", "background": "#FFFFFF",
            "tint": tint, "on_primary": "#FFFFFF" if white_contrast >= 4.5 else "#1A1A1A"}


def new_clinic(root: Path, clinic_id: str, name: str, phone: str, email: str, booking_url: str,
               location_id: str, location_name: str, address: list[str], paper: str = "letter",
               locale: str = "en-US", *, hours: list[str], languages: list[str], logo: Path, primary: str) -> Path:
    """Write content/clinics/<id>.yaml with one location, from the answers alone: the logo file given (copied into
    content/clinics/assets/), colour tokens from the one primary colour, the project's own font, the hours and
    languages given. Nothing is taken from another clinic and nothing is made up."""
    clinic_id = answers.identifier("clinic", clinic_id)
    location_id = answers.identifier("location", location_id)
    primary = answers.colour(primary)
    logo = answers.logo(str(logo))
    project = load_project(root)
    path = root / "content" / "clinics" / f"{clinic_id}.yaml"
    if path.exists():
        raise HandoutsError(f"{path} already exists; handouts new never overwrites a file")
    if not project.fonts:
        raise HandoutsError("no font family in fonts/fonts.yaml to set the clinic in: add one first")
    assets = path.parent / "assets"
    inside = logo.resolve().is_relative_to(path.parent.resolve())
    target = logo if inside else assets / f"{clinic_id}-logo{logo.suffix.lower()}"
    if not inside and target.exists() and target.read_bytes() != logo.read_bytes():
        raise HandoutsError(f"{target} already exists; handouts new never overwrites a file")
    copied = not inside and not target.exists()
    if copied:
        write_atomic(target, logo.read_bytes())
    relative = target.resolve().relative_to(path.parent.resolve()).as_posix()
    family = next(iter(project.fonts))
    colors = "\n".join(f"    {token}: {_q(value)}" for token, value in _palette(primary).items())
    text = f"""# {name}: brand and contact details every location inherits; a location sets only what differs.
name: {_q(name)}
phone: {_q(phone)}                 # quoted: a phone number is text
email: {_q(email)}
hours: {json.dumps(hours, ensure_ascii=False)}   # one entry a line; or per language: {{en: [...], es: [...]}}
booking_url: {_q(booking_url)}       # the QR code and links lead here
paper: {paper}                       # letter or a4
locale: {locale}                     # language and country: dates, /Lang, emergency number
languages: {json.dumps(languages)}   # every language each location serves (each needs its translation)
brand:
  logo:                            # SVG preferred (stays vector in print); paths relative to this folder
    {logo.suffix.lower()[1:]}: {_q(relative)}
    alt: {_q(name + ' logo')}
  colors:                          # from your primary colour; set each to the brand's own ({{hex, cmyk}} for print)
{colors}
  fonts:                           # families from fonts/fonts.yaml
    body: {_q(family)}
    heading: {_q(family)}

locations:
{_location_yaml(location_id, location_name, address, None, None, None, None, None)}"""
    write_atomic(path, text.encode("utf-8"))
    try:
        _verify(root, path, None)
    except HandoutsError:
        if copied:
            target.unlink(missing_ok=True)
        raise
    return path


def new_location(root: Path, clinic_id: str, location_id: str, name: str, address: list[str],
                 phone: str | None = None, email: str | None = None, booking_url: str | None = None,
                 paper: str | None = None, locale: str | None = None) -> Path:
    """Append a location to a clinic file. The file keeps everything it had; the new entry is checked, and the
    file is put back as it was if anything is wrong."""
    _check_id("location", location_id)
    project = load_project(root)
    clinic = project.clinic(clinic_id)
    if any(loc.id == location_id for loc in clinic.value.locations):
        raise HandoutsError(f"clinic '{clinic_id}' already has a location '{location_id}'; handouts new never "
                            f"overwrites one")
    keys = list(clinic.source.data)
    if keys[-1] != "locations":
        raise HandoutsError(f"{clinic.path}: put 'locations:' last in the file so a location can be added")
    previous = clinic.path.read_bytes()
    text = previous.decode("utf-8")
    indent = "  " if re.search(r"^  - id:", text, re.M) else ""
    entry = _location_yaml(location_id, name, address, phone, email, booking_url, paper, locale, indent)
    write_atomic(clinic.path, (text.rstrip("\n") + "\n\n" + entry).encode("utf-8"))
    _verify(root, clinic.path, previous)
    return clinic.path


def new_document(root: Path, name: str, topic: str, layout: str, kind: str, title: str | None = None) -> Path:
    """Write content/documents/<name>.yaml placing the topic's blocks in the layout's slots in a sensible order:
    teaching blocks in the flow, the call to action on the back (or at the end of the flow), the disclaimer in
    the small print."""
    _check_id("document", name)
    project = load_project(root)
    path = root / "content" / "documents" / f"{name}.yaml"
    if path.exists():
        raise HandoutsError(f"{path} already exists; handouts new never overwrites a file")
    topic_set = project.topics.get(topic)
    if topic_set is None:
        raise UnknownName("topic", topic, project.topics)
    lay = project.layout(layout).value
    if kind not in project.kinds:
        raise UnknownName("document kind", kind, project.kinds)
    slots = lay.slots()
    by_kind = {b.value.kind: n for n, b in topic_set.blocks.items()}
    # Teaching blocks in the registry's order; the call to action goes on the back, the disclaimer in small print.
    order = [k for k, teaching in m.BLOCK_KINDS.items() if teaching and k != "call_to_action"]
    flow = [n for k in order for n, b in sorted(topic_set.blocks.items()) if b.value.kind == k]
    placed: dict[str, list[str]] = {"flow": flow}
    # A sequence read on its own (a tri-fold's flap, seen beside the inside when the cover is lifted) takes the
    # blocks that stand alone: the key points and the warning signs.
    alone = next((s for s in lay.sequences if s != "flow"), None)
    if alone is not None:
        placed = {alone: [n for n in flow if topic_set.blocks[n].value.kind in ("key_points", "warning_signs")]}
        placed["flow"] = [n for n in flow if n not in placed[alone]]
    if "call_to_action" in by_kind:
        placed.setdefault("back" if "back" in slots else "flow", []).append(by_kind["call_to_action"])
    if "disclaimer" in by_kind:
        placed.setdefault("smallprint" if "smallprint" in slots else "flow", []).append(by_kind["disclaimer"])
    required = set(project.kinds[kind].requires)
    left_out: list[str] = []
    while True:
        write_atomic(path, _document_yaml(name, topic, layout, kind, title, placed, left_out,
                                          topic_set.topic.value.title).encode("utf-8"))
        project = _verify(root, path, None)
        if _fits(project, name):
            return path
        optional = [b for b in placed["flow"] if topic_set.blocks[b].value.kind not in required]
        if not optional:
            path.unlink(missing_ok=True)
            raise HandoutsError(f"the blocks document kind '{kind}' requires do not fit layout '{layout}'; "
                                f"choose a layout with more room")
        placed["flow"].remove(optional[-1])
        left_out.insert(0, optional[-1])


def _document_yaml(name: str, topic: str, layout: str, kind: str, title: str | None, placed: dict[str, list[str]],
                   left_out: list[str], topic_title: str) -> str:
    slot_lines = "\n".join(f"  {slot}: [{', '.join(blocks)}]" for slot, blocks in placed.items() if blocks)
    missing = (f"# Left out because they did not fit this layout: {', '.join(left_out)}\n" if left_out else "")
    return f"""# {title or topic_title}: which blocks of which topic, in which layout.
{missing}kind: {kind}                     # from content/document-kinds.yaml: says which blocks it must contain
{f'title: {_q(title)}' if title else '# title: …                      # defaults to the topic title'}
topic: {topic}
layout: {layout}                 # layouts/{layout}.yaml; the paper follows each location
slots:                           # the layout's slots, each a list of block files of the topic, in order
{slot_lines}
"""


def _fits(project: Project, document: str) -> bool:
    """Whether the document renders for every location and language without overflowing."""
    renderer = Renderer(project)
    for job in plan(project, [document]):
        try:
            renderer.render(resolve(project, job))
        except LayoutOverflow:
            return False
    return True
