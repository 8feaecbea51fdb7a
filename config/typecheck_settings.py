"""Settings for the type checker: mypy's Django plugin imports the settings to learn the models,
and the site's own refuse to load without production secrets. The test environment's placeholders
are set first, so `mypy` runs anywhere (`make lint`, pre-commit) without them."""

import config.testenv  # noqa: F401  (sets SECRET_KEY and the rest before the settings read them)
from config.settings import *  # noqa: F403
