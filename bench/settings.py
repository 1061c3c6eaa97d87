"""Settings for bench/load.py: the production settings plus one minimal view to compare with."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
