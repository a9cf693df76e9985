"""Celery tasks, one module per area (intake, feeds, notifications), all loaded here.

The Celery app's autodiscovery imports this package; importing every module in it registers
each area's tasks without a list that every new area would have to edit.
"""

import importlib
import pkgutil

for _module in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_module.name}")
