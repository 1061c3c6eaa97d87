from tests.curation.conftest import curator, curator_client  # noqa: F401
