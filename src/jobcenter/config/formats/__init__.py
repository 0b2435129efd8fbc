"""Project overrides of Django's locale formats (``FORMAT_MODULE_PATH``); what is not set here
comes from Django's own format module of the language."""
