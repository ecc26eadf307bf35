"""Learning-path planner: from the role you want to where you stand, step by dated step."""

from importlib import metadata as _metadata

try:
    __version__ = _metadata.version("learning-path-planner")
except _metadata.PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
