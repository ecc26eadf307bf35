"""The shipped catalog kept validated in the user's cache folder, so that a start-up builds it
from JSON without pydantic or tomllib (together more than 200 ms and 20 MB).

The file is one JSON header line (format, key, checksum of the rest) and the catalog as JSON.
The key names every catalog file and the modules that shape the result by size and time of
change: a change to any of them, a damaged file or one of another format is loaded from the
TOML again, validated, and written anew. A cache that cannot be written is simply not kept.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
import types
import zlib
from collections.abc import Callable, Iterator
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

from planner.catalog import schema
from planner.catalog.catalog import Catalog
from planner.catalog.schema import Category, Certification, Family, Role, Skill

# Raise whenever the file's layout or the meaning of its contents changes.
CACHE_FORMAT = 1
CACHE_FILE = "catalog.json"
APP_NAME = "learning-path-planner"

_PARTS: dict[str, type] = {
    "skills": Skill,
    "certifications": Certification,
    "roles": Role,
    "categories": Category,
    "families": Family,
}
# Modules whose change can change what a catalog folder loads into (the schema, the loader's
# checks and order, the dumping, this decoder): their files are part of the key. (In the
# PyInstaller bundle ``__file__`` names the module's .pyc, and its siblings are .pyc as well.)
_HERE = Path(__file__)
_MODULE_FILES = (
    Path(schema.__file__),
    _HERE,
    *(_HERE.with_name(name + _HERE.suffix) for name in ("loader", "validation", "catalog")),
)


def cache_dir() -> Path:
    """The folder the cache lives in: $PLANNER_CACHE_DIR, else the platform's cache folder."""
    chosen = os.environ.get("PLANNER_CACHE_DIR")
    if chosen:
        return Path(chosen)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir(APP_NAME, appauthor=False))


def cache_key(root: Path) -> str:
    """What the cached catalog was made from: every file under ``root`` and the modules,
    each by path, size and time of change. (zlib, not hashlib: loading OpenSSL costs more
    than reading the whole cache.)"""
    lines = [f"format {CACHE_FORMAT}", str(root)]
    for path in sorted(_files(root)):
        lines.append(_signature(path, path.relative_to(root).as_posix()))
    lines += [_signature(path, path.name) for path in _MODULE_FILES]
    text = "\n".join(lines).encode("utf-8", "surrogateescape")
    return f"{zlib.crc32(text):08x}-{len(text)}"


def _files(folder: Path) -> Iterator[Path]:
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir():
                yield from _files(Path(entry.path))
            else:
                yield Path(entry.path)


def _signature(path: Path, name: str) -> str:
    try:
        info = path.stat()
    except OSError:  # a module inside a bundle's archive has no file of its own
        return f"{name} -"
    return f"{name} {info.st_size} {info.st_mtime_ns}"


def cached_catalog(root: Path, folder: Path | None = None) -> Catalog:
    """The catalog in ``root``: from the cache in ``folder`` (default ``cache_dir()``) when it
    is current, else loaded and validated (CatalogError as ``load_catalog``) and cached."""
    try:
        # Made before loading: a file changed meanwhile leaves a cache that is already stale.
        key: str | None = cache_key(root)
    except (OSError, RecursionError):  # no such folder, a looping link: the loader says what
        key = None
    path = (cache_dir() if folder is None else folder) / CACHE_FILE
    catalog = read_cache(path, key) if key else None
    if catalog is None:
        from planner.catalog.loader import load_catalog

        catalog = load_catalog(root)
        if key:
            write_cache(path, key, catalog)
    return catalog


# --- reading ------------------------------------------------------------------------------


def read_cache(path: Path, key: str) -> Catalog | None:
    """The catalog cached in ``path`` under ``key``; None when there is none that is usable."""
    try:
        with path.open("rb") as handle:
            header_line = handle.readline()
            body = handle.read()
        header = json.loads(header_line)
        if not isinstance(header, dict) or header.get("format") != CACHE_FORMAT:
            why = "of another format"
        elif header.get("key") != key:
            why = "stale"
        elif header.get("crc") != zlib.crc32(body) or header.get("size") != len(body):
            why = "damaged"
        else:
            return _decode_catalog(json.loads(body))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, TypeError, KeyError, RecursionError) as exc:
        why = f"unreadable ({exc!r:.200})"
    _debug("catalog cache %s is %s; loading the catalog files", path, why)
    return None


def _decode_catalog(data: Any) -> Catalog:
    if not isinstance(data, dict) or data.keys() != _PARTS.keys():
        raise ValueError("the cached catalog has other parts")
    parts: dict[str, dict[str, Any]] = {}
    for part, cls in _PARTS.items():
        decode = _class_decoder(cls)
        entries = [decode(item) for item in _checked(list, data[part])]
        parts[part] = {entry.id: entry for entry in entries}
    return Catalog(
        skills=parts["skills"],
        certifications=parts["certifications"],
        roles=parts["roles"],
        categories=parts["categories"],
        families=parts["families"],
    )


Decoder = Callable[[Any], Any]
_DECODERS: dict[type, Decoder] = {}


def _class_decoder(cls: type) -> Decoder:
    """Builds a ``cls`` from its JSON data, type-checked but not validated (it was, before
    it was cached). Made once per class: resolving the type hints is slow."""
    decoder = _DECODERS.get(cls)
    if decoder is None:
        hints = get_type_hints(cls)
        field_decoders = {f.name: _decoder(hints[f.name]) for f in fields(cls)}

        def decoder(data: Any) -> Any:
            if not isinstance(data, dict) or data.keys() != field_decoders.keys():
                raise ValueError(f"a cached {cls.__name__} has other fields")
            return cls(**{name: decode(data[name]) for name, decode in field_decoders.items()})

        _DECODERS[cls] = decoder
    return decoder


def _decoder(hint: Any) -> Decoder:
    """How a value of the type ``hint`` comes back from JSON; TypeError for a type the cache
    does not know (a field of a new type must be taught here: a test walks them all)."""
    origin, args = get_origin(hint), get_args(hint)
    if hint in _PLAIN:
        return _PLAIN[hint]
    if origin is Literal:
        allowed = frozenset(args)
        return lambda value: value if value in allowed else _wrong(hint, value)
    if origin in (Union, types.UnionType) and type(None) in args:
        inner = [a for a in args if a is not type(None)]
        if len(inner) == 1:
            decode = _decoder(inner[0])
            return lambda value: None if value is None else decode(value)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        if args[0] is str:  # the commonest by far: checked in one pass, in C
            return _texts
        item = _decoder(args[0])
        return lambda value: tuple(map(item, _checked(list, value)))
    if origin is tuple and Ellipsis not in args:
        items = [_decoder(a) for a in args]

        def fixed(value: Any) -> tuple[Any, ...]:
            if len(_checked(list, value)) != len(items):
                _wrong(hint, value)
            return tuple(decode(v) for decode, v in zip(items, value, strict=True))

        return fixed
    if origin is dict and args[0] in (str, int):
        key = int if args[0] is int else str  # JSON keys are text
        value_decoder = _decoder(args[1])
        return lambda value: {key(k): value_decoder(v) for k, v in _checked(dict, value).items()}
    if isinstance(hint, type) and is_dataclass(hint):
        return _class_decoder(hint)
    raise TypeError(f"the catalog cache cannot decode values of type {hint!r}")


def _str(value: Any) -> str:
    return value if type(value) is str else _wrong(str, value)  # type: ignore[no-any-return]


def _int(value: Any) -> int:
    return value if type(value) is int else _wrong(int, value)  # type: ignore[no-any-return]


def _float(value: Any) -> float:
    return float(value) if type(value) in (int, float) else _wrong(float, value)  # type: ignore[no-any-return]


def _bool(value: Any) -> bool:
    return value if type(value) is bool else _wrong(bool, value)  # type: ignore[no-any-return]


_PLAIN: dict[Any, Decoder] = {str: _str, int: _int, float: _float, bool: _bool}


def _texts(value: Any) -> tuple[str, ...]:
    if type(value) is not list or not set(map(type, value)) <= {str}:
        _wrong(tuple[str, ...], value)
    return tuple(value)


def _checked(kind: type, value: Any) -> Any:
    return value if type(value) is kind else _wrong(kind, value)


def _wrong(kind: Any, value: Any) -> Any:
    raise TypeError(f"expected {kind!r} in the catalog cache, found {type(value).__name__}")


# --- writing ------------------------------------------------------------------------------


def write_cache(path: Path, key: str, catalog: Catalog) -> None:
    """Cache ``catalog`` under ``key``, atomically (a reader sees the old file or the new);
    a folder that cannot be written (read-only, full) is left without a cache."""
    from planner.catalog.validation import to_data

    data = {part: [to_data(e) for e in getattr(catalog, part).values()] for part in _PARTS}
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    header = {"format": CACHE_FORMAT, "key": key, "crc": zlib.crc32(body), "size": len(body)}
    # Named for this process and thread: two writers never share a temporary file.
    temporary = path.with_name(f".{path.name}.{os.getpid()}-{threading.get_ident()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with temporary.open("wb") as handle:
            handle.write(json.dumps(header).encode("ascii") + b"\n" + body)
        os.replace(temporary, path)
    except OSError as exc:
        _debug("catalog cache %s not written: %s", path, exc)
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)


def _debug(message: str, *args: object) -> None:
    # logging is imported only when there is something to say: it is not free at start-up.
    import logging

    logging.getLogger(__name__).debug(message, *args)
