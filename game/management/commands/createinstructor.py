"""python manage.py createinstructor <username> [--password PW] [--if-missing]"""

from __future__ import annotations

import secrets

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email


class Command(BaseCommand):
    help = "Add an instructor account (a Django user who can run sessions)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--password", help="default: a generated password, printed once")
        parser.add_argument("--email", default="")
        parser.add_argument("--if-missing", action="store_true", help="do nothing if the user exists")

    def handle(self, *args, username: str, password: str | None, email: str, if_missing: bool, **opts):
        User = get_user_model()
        username = username.strip()
        if not username or len(username) > 150:
            raise CommandError("the username must be 1 to 150 characters", returncode=2)
        if email:
            try:
                validate_email(email)
            except ValidationError:
                raise CommandError(f"'{email}' is not an e-mail address", returncode=2) from None
        if User.objects.filter(username=username).exists():
            if if_missing:
                return
            raise CommandError(f"an account named '{username}' already exists", returncode=2)
        generated = password is None
        password = password or secrets.token_urlsafe(12)
        User.objects.create_user(username=username, password=password, email=email, is_staff=True)
        self.stdout.write(f"Instructor account: {username}")
        if generated:
            self.stdout.write(f"Password: {password}")
            self.stdout.write("Change it with: .venv/bin/python manage.py changepassword " + username)
