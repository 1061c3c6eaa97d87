import pytest

from tests.browser.axe import AXE
from tests.pages.conftest import memorial_content  # noqa: F401


@pytest.fixture(scope="module")
def axe_source():
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `npm ci` at the project root")
    return AXE.read_text()
