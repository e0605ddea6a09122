"""Turn a resolved job into laid-out PDF pages (stage 3): geometry, fonts, styles, flowables, fitting, and the
panel roles of a layout, each drawn by its registered module."""

from handouts.layout.compose import Rendered, Renderer
from handouts.layout.settings import RenderSettings

__all__ = ["RenderSettings", "Rendered", "Renderer"]
