"""Fixtures of the services tests that live in their own modules."""

from tests.services.chat_setup import chat_class, sent  # noqa: F401
from tests.services.treatment_setup import two_worlds  # noqa: F401
