"""Turn print files into what a print shop receives: one package per location with the PDFs, a job sheet
and proofs."""

from handouts.shop.package import PackageReport, make_packages

__all__ = ["PackageReport", "make_packages"]
