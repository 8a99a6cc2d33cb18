"""Ids students see stop counting other people's activity: chat messages are numbered
within their channel (`seq`, read cursors in those numbers), agreements get a random
`public_id` (docs/protocol.md §8)."""

from django.db import migrations, models

import coordination.models


def number_messages(apps, schema_editor):
    ChatMessage = apps.get_model("coordination", "ChatMessage")
    ChatRead = apps.get_model("coordination", "ChatRead")
    last: dict[tuple[int, str], int] = {}
    by_id: dict[tuple[int, str], list[tuple[int, int]]] = {}
    changed = []
    for message in ChatMessage.objects.order_by("province_id", "channel", "id").only("id", "province_id", "channel"):
        key = (message.province_id, message.channel)
        message.seq = last[key] = last.get(key, 0) + 1
        by_id.setdefault(key, []).append((message.id, message.seq))
        changed.append(message)
    ChatMessage.objects.bulk_update(changed, ["seq"], batch_size=1000)
    reads = []
    for read in ChatRead.objects.select_related("seat"):
        seen = [seq for message_id, seq in by_id.get((read.seat.province_id, read.channel), [])
                if message_id <= read.last_read_id]
        read.last_read_seq = max(seen, default=0)
        reads.append(read)
    ChatRead.objects.bulk_update(reads, ["last_read_seq"], batch_size=1000)


def number_agreements(apps, schema_editor):
    Agreement = apps.get_model("coordination", "Agreement")
    used: dict[int, set[int]] = {}
    changed = []
    for agreement in Agreement.objects.order_by("id").only("id", "session_id"):
        taken = used.setdefault(agreement.session_id, set())
        public_id = coordination.models.new_public_id()
        while public_id in taken:
            public_id = coordination.models.new_public_id()
        taken.add(public_id)
        agreement.public_id = public_id
        changed.append(agreement)
    Agreement.objects.bulk_update(changed, ["public_id"], batch_size=1000)


class Migration(migrations.Migration):
    # Each step commits on its own: PostgreSQL refuses to alter a table with row updates
    # still pending in the same transaction.
    atomic = False

    dependencies = [
        ('coordination', '0002_chat'),
    ]

    operations = [
        migrations.AddField(
            model_name='chatmessage',
            name='seq',
            field=models.PositiveIntegerField(default=0),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='chatread',
            name='last_read_seq',
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.AddField(
            model_name='agreement',
            name='public_id',
            field=models.PositiveIntegerField(default=0),
            preserve_default=False,
        ),
        migrations.RunPython(number_messages, migrations.RunPython.noop),
        migrations.RunPython(number_agreements, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name='chatread',
            name='last_read_id',
        ),
        migrations.RemoveIndex(
            model_name='chatmessage',
            name='chat_channel_page',
        ),
        migrations.AddConstraint(
            model_name='chatmessage',
            constraint=models.UniqueConstraint(fields=('province', 'channel', 'seq'), name='chat_channel_seq'),
        ),
        migrations.AlterField(
            model_name='agreement',
            name='public_id',
            field=models.PositiveIntegerField(default=coordination.models.new_public_id),
        ),
        migrations.AddConstraint(
            model_name='agreement',
            constraint=models.UniqueConstraint(fields=('session', 'public_id'), name='unique_agreement_public_id'),
        ),
    ]
