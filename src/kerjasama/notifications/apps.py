from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    """In-app and e-mail notifications, each sent once and logged per object."""

    name = "kerjasama.notifications"
    label = "notifications"
    verbose_name = "Notifikasi / Notifications"
