"""Media files written without leaving a partial file behind.

Every path that writes media (the admin's uploads, the loader, restore) goes
through `store_file`, so a full disk or an unwritable folder is one error,
`MediaNotStored`, that callers turn into a field error or a clean refusal.
"""

import contextlib


class MediaNotStored(OSError):
    """Media storage refused a file: the disk is full, or the folder is read-only or missing."""

    def __init__(self, name, error):
        super().__init__(error.errno, f"{name} could not be stored: {error.strerror or error}")
        self.name = name

    def __str__(self):
        return self.strerror


def store_file(storage, name, content, max_length=None):
    """Save `content` as `name` (or a free variant of it) and return the name it got.

    When the write fails part way (a full disk, a read-only or missing folder,
    or the content failing as it is read), the partly written file is removed,
    so a failed write leaves nothing behind (Django's own `save()` leaves it);
    a storage failure is raised as `MediaNotStored`.
    """
    name = storage.get_available_name(name, max_length=max_length)
    try:
        return storage.save(name, content, max_length=max_length)
    except BaseException as error:
        with contextlib.suppress(OSError):
            if storage.exists(name):
                storage.delete(name)
        if isinstance(error, OSError):
            raise MediaNotStored(name, error) from error
        raise
