from tests.pages.conftest import memorial_content  # noqa: F401
