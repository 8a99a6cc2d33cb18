"""The instructor reveals which provinces played which treatment (issue #13 item 3): until
then the projector and the debrief show the treatments by label only."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from coordination.selectors import counts as agreement_counts
from game.models import GameSession
from game.services import announce, broadcast
from game.services.errors import GameError
from game.services.sessions import check_owner, log
from game.services.treatment_labels import has_treatments, treatment_labels


@transaction.atomic
def treatments_reveal(*, session: GameSession, user) -> GameSession:
    """From now on the projector and the debrief name each treatment's rules and its
    provinces. Once only, and never undone: the class has seen it. Students' own screens
    are not sent anything (nothing on them changes)."""
    check_owner(session, user)
    session = GameSession.objects.select_for_update().get(pk=session.pk)
    if not has_treatments(session):
        raise GameError("no_treatments", _("This session has no treatments to reveal."))
    if session.treatments_revealed:
        raise GameError("already_revealed", _("The treatments have already been revealed."))
    session.treatments_revealed = True
    session.save(update_fields=["treatments_revealed"])
    log(session, "treatments_revealed", user.get_username(), labels=treatment_labels(session))
    announce.announce_session(session, provinces=[])
    # The projector had only the total of agreements until now: each province's counts.
    broadcast.on_commit(lambda: broadcast.send_many_now([(broadcast.projector_group(session.id), {
        "type": "agreement_counts", "counts": agreement_counts(session)})]), "agreement counts revealed")
    return session
