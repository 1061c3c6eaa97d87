"""Without its article the story's address is a 404, and the home page leaves it out.

(A module of its own: the story tests share the real content for their whole module.)
"""

import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_without_the_story_the_page_is_a_404_and_the_home_page_leaves_it_out(client):
    assert client.get(reverse("story:story")).status_code == 404
    assert 'class="story-lead"' not in client.get(reverse("pages:home")).content.decode()
