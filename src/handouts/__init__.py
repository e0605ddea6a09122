"""Turn plain-text YAML content and a clinic's branding into print-ready patient-education PDFs."""

__version__ = "0.1.0"
