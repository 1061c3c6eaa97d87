from tests.public.conftest import memorial_content  # noqa: F401
