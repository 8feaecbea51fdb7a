"""Peak memory of this process.

getrusage's ru_maxrss is no use in a process the harness started: Linux keeps the largest RSS
the process had before exec, i.e. the harness's own (a child that used 13 MB read 313 MB under a
300 MB parent). /proc/self/status's VmHWM is the high-water mark of this program's memory alone.
"""

from __future__ import annotations

import resource
from pathlib import Path


def peak_rss_mb() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
