"""The Django admin lists the game's data read-only, for instructors who want to look at
it: every change goes through the services (one write path), never through the admin."""

from __future__ import annotations

from django.contrib import admin

from game.models import GameSession, ProvinceResult, Round, SeatResult, Sheet


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def get_queryset(self, request):
        """Staff who are not superusers see only their own sessions' data."""
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(**{self.owner_path: request.user})

    owner_path = "instructor"


@admin.register(GameSession)
class GameSessionAdmin(ReadOnly):
    list_display = ("title", "code", "scenario_id", "status", "total_rounds", "created_at", "instructor")
    list_filter = ("status", "scenario_id")
    search_fields = ("title", "code")


@admin.register(Round)
class RoundAdmin(ReadOnly):
    owner_path = "session__instructor"
    list_display = ("session", "number", "status", "opened_at", "deadline", "closed_at", "scored_at")
    list_filter = ("status",)
    list_select_related = ("session",)
    search_fields = ("session__code",)


@admin.register(Sheet)
class SheetAdmin(ReadOnly):
    owner_path = "round__session__instructor"
    list_display = ("round", "seat", "version", "saved_by", "saved_at")
    list_select_related = ("round__session", "seat__province__session", "saved_by")
    search_fields = ("round__session__code",)


@admin.register(ProvinceResult)
class ProvinceResultAdmin(ReadOnly):
    owner_path = "round__session__instructor"
    list_display = ("round", "province")
    list_select_related = ("round__session", "province__session")


@admin.register(SeatResult)
class SeatResultAdmin(ReadOnly):
    owner_path = "round__session__instructor"
    list_display = ("round", "seat", "rank", "points", "composite")
    list_select_related = ("round__session", "seat__province__session")
    search_fields = ("round__session__code",)
