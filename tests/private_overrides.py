"""What the internals tests share: a listed private hook still exists with its signature, and
every private method our classes override from a library is listed."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Mapping
from pathlib import Path


def hook_signature(hook: str) -> str:
    """The signature of the method at the dotted `hook` (module.Class.method), as inspect
    writes it; AssertionError naming the hook when the method is gone."""
    module_name, class_name, method = hook.rsplit(".", 2)
    owner = getattr(importlib.import_module(module_name), class_name)
    assert method in vars(owner), f"{hook} is gone"
    return str(inspect.signature(getattr(owner, method)))


def our_classes(folder: Path, package: str) -> list[type]:
    """Every class defined in the modules of `package`, found in `folder`."""
    classes: list[type] = []
    for found in pkgutil.walk_packages([str(folder)], f"{package}."):
        module = importlib.import_module(found.name)
        classes.extend(
            value
            for value in vars(module).values()
            if inspect.isclass(value) and value.__module__ == module.__name__
        )
    return classes


def private_overrides(classes: list[type], library: str) -> dict[str, str]:
    """Each private method of `classes` that overrides one of `library`'s: ours → the hook."""
    found: dict[str, str] = {}
    for cls in classes:
        for name, value in vars(cls).items():
            if not name.startswith("_") or name.startswith("__") or not callable(value):
                continue
            for base in cls.__mro__[1:]:
                if base.__module__.split(".")[0] == library and name in vars(base):
                    found[f"{cls.__qualname__}.{name}"] = (
                        f"{base.__module__}.{base.__qualname__}.{name}"
                    )
                    break
    return found


def unlisted(overrides: Mapping[str, str], listed: Mapping[str, str]) -> list[str]:
    """The overrides whose hook is not in `listed`, in words."""
    return [f"{ours} overrides {hook}" for ours, hook in overrides.items() if hook not in listed]
