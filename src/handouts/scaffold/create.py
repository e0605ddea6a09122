"""Turn a few answers into new, commented YAML files (a clinic, a location, a document) that build at once and
pass `handouts check`; nothing existing is ever overwritten."""

from __future__ import annotations

import json
import re
from pathlib import Path

from handouts.build.output import write_atomic
from handouts.checks import CheckOptions, check_project
from handouts.errors import HandoutsError, InputError, LayoutOverflow, UnknownName
from handouts.layout import Renderer
from handouts.load import Project, load_project
from handouts.resolve import plan, resolve

ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def _q(value: str) -> str:
    """A YAML scalar that reads back as exactly this text (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def _check_id(kind: str, value: str) -> None:
    if not ID.match(value):
        raise HandoutsError(f"{kind} id {value!r}: use lower-case letters, digits, - and _ (e.g. 'northside')")


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


def new_clinic(root: Path, clinic_id: str, name: str, phone: str, email: str, booking_url: str,
               location_id: str, location_name: str, address: list[str], paper: str = "letter",
               locale: str = "en-US", tagline: str = "", template: str | None = None) -> Path:
    """Write content/clinics/<id>.yaml with one location; brand colours, fonts and logo come from an existing
    clinic (``template``, default: the first; clinics share content/clinics/, so logo paths carry over) so the
    result builds at once."""
    _check_id("clinic", clinic_id)
    _check_id("location", location_id)
    project = load_project(root)
    path = root / "content" / "clinics" / f"{clinic_id}.yaml"
    if path.exists():
        raise HandoutsError(f"{path} already exists; handouts new never overwrites a file")
    if not project.clinics:
        raise HandoutsError("no clinic to copy the brand from: write content/clinics/<id>.yaml by hand first")
    source = project.clinic(template) if template else next(iter(project.clinics.values()))
    brand = source.value.brand
    logo = brand.logo
    logo_lines = [f"    {k}: {_q(v)}" for k, v in (("svg", logo.svg), ("png", logo.png)) if v]
    logo_lines.append(f"    alt: {_q(name + ' logo')}")
    colors = "\n".join(
        f"    {token}: " + (f"{{hex: {_q(c.hex)}, cmyk: {list(c.cmyk)}}}" if c.cmyk else _q(c.hex))
        for token, c in brand.colors.items())
    fonts = "\n".join(f"    {role}: {_q(family)}" for role, family in brand.fonts.items())
    text = f"""# {name}: brand and contact details every location inherits; a location sets only what differs.
name: {_q(name)}
tagline: {_q(tagline)}              # under the name on the brochure cover
phone: {_q(phone)}                 # quoted: a phone number is text
email: {_q(email)}
hours: ["Mon–Fri 8am–6pm"]         # one entry a line; or per language: {{en: [...], es: [...]}}
booking_url: {_q(booking_url)}       # the QR code and links lead here
paper: {paper}                       # letter or a4
locale: {locale}                     # language and country: dates, /Lang, emergency number
brand:
  logo:                            # SVG preferred (stays vector in print); paths relative to this folder
{chr(10).join(logo_lines)}
  colors:                          # tokens the layouts use; {{hex, cmyk}} gives print its exact CMYK
{colors}
  fonts:                           # families from fonts/fonts.yaml
{fonts}

locations:
{_location_yaml(location_id, location_name, address, None, None, None, None, None)}"""
    write_atomic(path, text.encode("utf-8"))
    _verify(root, path, None)
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
    order = ["symptoms", "mechanism", "session", "side_effects", "contraindications", "aftercare", "general"]
    flow = [n for k in order for n, b in sorted(topic_set.blocks.items()) if b.value.kind == k]
    placed: dict[str, list[str]] = {"flow": flow}
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
