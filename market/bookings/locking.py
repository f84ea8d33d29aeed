"""The order every writer of bookings takes its locks in, so that two never
wait for each other: the resident (for quotas), then the room, then the
equipment in primary-key order."""

from __future__ import annotations

from market.residents.models import Resident

from .models import Equipment, Room


def lock_resident(resident_id: int) -> Resident:
    return Resident.objects.select_for_update().get(pk=resident_id)


def lock_room(room_id: int) -> Room:
    return Room.objects.select_for_update().get(pk=room_id)


def lock_equipment(ids: list[int]) -> list[Equipment]:
    return list(Equipment.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
