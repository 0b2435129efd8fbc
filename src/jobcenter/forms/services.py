"""The form engine's writes: adding a definition to the registry and taking it out (new form
versions register themselves on import; tests register fixtures). Reads are in ``selectors``."""

from jobcenter.forms.definition import register, unregister

__all__ = ["register", "unregister"]
