"""Turn a project folder into validated models (stage 1 of the pipeline): YAML with line marks, models,
validation, cross-references, and the record of what each job reads."""

from handouts.load.loader import load_project
from handouts.load.project import Catalog, Loaded, Project, TopicSet, location_languages

__all__ = ["Catalog", "Loaded", "Project", "TopicSet", "load_project", "location_languages"]
