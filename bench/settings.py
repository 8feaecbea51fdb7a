"""Settings for benchmark runs: the site's own settings plus a bare view at /bench/bare/ (the
baseline every HTTP figure is compared with) and a static folder of its own."""

from config.settings import *  # noqa: F403
from config.settings import BASE_DIR

ROOT_URLCONF = "bench.urls"
STATIC_ROOT = BASE_DIR / "bench" / ".data" / "static"
