"""Settings for benchmark runs: the site's own settings plus a bare view at /bench/bare/ (the
baseline every HTTP figure is compared with) and a static folder of its own."""

from config.settings import *  # noqa: F403
from config.settings import BASE_DIR

ROOT_URLCONF = "bench.urls"
STATIC_ROOT = BASE_DIR / "bench" / ".data" / "static"

# Each simulated visitor looks up 100 random member numbers, which in a small register are often
# next to one another: far more than a person checking someone, and what the harvesting guard
# (core/harvesting.py) is there to stop. The guard still counts every look-up here (its cache
# work is part of the measured cost); only its limits are out of the simulated visitors' reach.
PEKSOS_NUMBER_LOOKUP_NEARBY = "1000000/h"
PEKSOS_NUMBER_LOOKUP_MISSES = "1000000/h"
