"""Turn the names of the PDF-reading libraries preflight uses (pikepdf, PDFium, Pillow) into modules that load on
first use: most commands make no print file and never preflight, and start about 70 ms sooner without them."""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType


def lazy(name: str) -> ModuleType:
    """The module ``name``, executed when one of its attributes is first read (importlib's LazyLoader); the
    module itself if something has imported it already."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        raise ModuleNotFoundError(f"No module named {name!r}", name=name)
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    return module
