"""The capture-index row of a fetch: the core's :class:`wirearchive.capture.Capture`."""

from wirearchive.capture import Capture

__all__ = ["Capture"]
