"""Compiled loops for the copies stage (numba): what numpy can only do in many passes over a
batch, these do in one pass with no temporaries.

numba compiles a function the first time it is called, for the argument types of that call,
and caches the machine code beside the source (`__pycache__`), so a later process loads it in
milliseconds; the first run after an install spends a few seconds compiling. Integer
arithmetic here is done on uint64 and masked where a 32-bit result is meant, so results match
the numpy code they replaced bit for bit.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

import numba

F = TypeVar("F", bound=Callable[..., Any])


def jit(f: F) -> F:
    """Compile `f` in nopython mode, cached on disk, releasing the GIL while it runs."""
    return cast(F, numba.njit(cache=True, nogil=True)(f))
