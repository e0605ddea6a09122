"""Turn the build matrix into files on disk (stage 7): worker processes, the manifest of what each PDF read,
fingerprints, atomic output and watching for changes."""

from handouts.batch.runner import BatchReport, CheckFailed, Shard, run
from handouts.batch.workers import Outcome

__all__ = ["BatchReport", "CheckFailed", "Outcome", "Shard", "run"]
