"""Writing output files safely: whole or not at all, and never over what legco-kg did not write.

Every output of the command line goes through here:

- :func:`write_output` writes one file, or standard output for ``-``;
- :func:`write_atomic` replaces a regular file atomically (a temporary file beside it,
  renamed over it) and refuses anything else at the path: a FIFO, a device node, a socket
  or a folder is never replaced (as root, ``os.replace`` would put a file in place of
  ``/dev/null``). A symlink is written *through*: its file gets the new content and the
  link stays, as the shell's ``>`` does; replacing the link itself would silently cut it from
  the file it names. A symlink whose file does not exist is refused: writing through it
  would create a file at a place the command line never named;
- :func:`write_folder` writes a folder of files all at once and marks it as its own with
  :data:`MARKER`; an existing folder is replaced only when it holds that marker and nothing
  but the files the marker lists (or nothing at all).
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .errors import OutputError

__all__ = ["MARKER", "STDOUT", "OutputError", "check_folder", "check_output", "write_atomic", "write_output"]

#: ``-o -``: standard output.
STDOUT = "-"
#: Written into every folder legco-kg writes whole; lists the files it wrote there.
MARKER = ".legco-kg-export"


def kind_of(mode: int) -> str:
    """What a file of this ``st_mode`` is, in words."""
    for test, name in ((stat.S_ISREG, "regular file"), (stat.S_ISDIR, "folder"), (stat.S_ISLNK, "symlink"),
                       (stat.S_ISFIFO, "FIFO (named pipe)"), (stat.S_ISCHR, "character device"),
                       (stat.S_ISBLK, "block device"), (stat.S_ISSOCK, "socket")):
        if test(mode):
            return name
    return "special file"


def _resolve(path: Path) -> tuple[Path, os.stat_result | None]:
    """The path a write to ``path`` lands on (a symlink's file) and its status (None when
    absent). Raises :class:`OutputError` for a dangling or looping symlink, or a parent
    that is not a folder."""
    try:
        status = os.lstat(path)
    except FileNotFoundError:
        _check_parents(path)
        return path, None
    except NotADirectoryError:
        _check_parents(path)
        raise OutputError(path, "a folder on its way is not a folder") from None
    if not stat.S_ISLNK(status.st_mode):
        return path, status
    real = Path(os.path.realpath(path))
    try:
        return real, os.stat(path)
    except FileNotFoundError:
        raise OutputError(path, f"is a symlink to {real}, which does not exist; legco-kg writes through a "
                                "symlink only to an existing file (give the file itself)") from None
    except OSError as err:
        raise OutputError(path, f"is a symlink that cannot be followed ({err.strerror})") from None


def _check_parents(path: Path) -> None:
    for parent in path.parents:
        if os.path.lexists(parent):
            if not parent.is_dir():
                what = kind_of(os.stat(parent).st_mode) if parent.exists() else "dangling symlink"
                raise OutputError(path, f"{parent} is a {what}, not a folder")
            return


def check_output(path: str | Path | None) -> Path | None:
    """Refuse early an output file legco-kg would not write (see :func:`write_atomic`);
    returns the file a write lands on, None for standard output."""
    if path is None or (isinstance(path, str) and path == STDOUT):
        return None
    target, status = _resolve(Path(path))
    if status is not None and not stat.S_ISREG(status.st_mode):
        shown = f"a symlink to {target}, a" if target != Path(path) else "a"
        advice = "give a file name in it" if stat.S_ISDIR(status.st_mode) else \
            "legco-kg replaces only regular files (-o - writes to standard output)"
        raise OutputError(path, f"is {shown} {kind_of(status.st_mode)}, not a regular file; {advice}")
    return target


def write_atomic(path: Path, text: str | bytes | Iterable[str]) -> None:
    """Write a file so that readers see the old content or the new, never half of it; text
    goes out as UTF-8, bytes as they are, and text may come in pieces (an iterable of
    strings), so a large file is streamed.

    Only a regular file (or nothing) is replaced, keeping its mode; a symlink to a file
    is written through; anything else raises :class:`OutputError` and nothing is written."""
    target = check_output(path)
    assert target is not None
    before = os.stat(target) if target.exists() else None
    tmp: str | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        with (os.fdopen(fd, "wb") if isinstance(text, bytes) else os.fdopen(fd, "w", encoding="utf-8")) as handle:
            if isinstance(text, (str, bytes)):
                handle.write(text)
            else:
                handle.writelines(text)
        _take_over(tmp, before)
        check_output(path)  # once more, just before the rename: the path may have changed meanwhile
        os.replace(tmp, target)
    except BaseException as err:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        if isinstance(err, OSError) and not isinstance(err, OutputError):
            raise OutputError(path, f"cannot write: {err.strerror or err}") from err
        raise


def _take_over(tmp: str | Path, before: os.stat_result | None) -> None:
    """Give a new file the mode (and, where allowed, owner) of the one it replaces."""
    if before is None:
        os.chmod(tmp, 0o666 & ~current_umask())
        return
    os.chmod(tmp, stat.S_IMODE(before.st_mode) & 0o7777)
    if hasattr(os, "chown"):
        try:
            os.chown(tmp, before.st_uid, before.st_gid)
        except PermissionError:
            pass  # not root: the file is the writer's, as any new file would be


def write_output(path: str | Path | None, text: str) -> None:
    """``text`` to the file ``path`` (atomically), or to standard output for None or ``-``.
    A file named ``-`` is written as ``./-``."""
    if path is None or (isinstance(path, str) and path == STDOUT):
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        write_atomic(Path(path), text)


def check_folder(path: str | Path) -> Path:
    """Refuse early an output folder that is something else; returns the folder a write
    lands on (a symlink's folder)."""
    target, status = _resolve(Path(path))
    if status is not None and not stat.S_ISDIR(status.st_mode):
        shown = f"a symlink to {target}, a" if target != Path(path) else "a"
        raise OutputError(path, f"is {shown} {kind_of(status.st_mode)}, not a folder")
    return target


def owned_files(folder: str | Path, what: str) -> list[str] | None:
    """The files of ``folder`` that legco-kg wrote (listed by its :data:`MARKER`), all of
    which may be replaced; None when the folder does not exist. Raises
    :class:`OutputError` when it holds anything legco-kg did not write: then it is not
    ``what`` (e.g. "a previous neo4j export") and must stay as it is."""
    target = check_folder(folder)
    if not target.exists():
        return None
    names = sorted(os.listdir(target))
    if not names:
        return []
    if MARKER not in names:
        raise OutputError(folder, f"not {what} (no {MARKER} file in it) and not empty; legco-kg replaces only "
                                  "a folder it wrote; give a new or empty folder (nothing was changed)")
    listed = set((target / MARKER).read_text(encoding="utf-8").splitlines()[1:])
    for name in names:
        if name == MARKER:
            continue
        status = os.lstat(target / name)
        if name not in listed or not stat.S_ISREG(status.st_mode):
            raise OutputError(folder, f"holds {name}, which legco-kg did not write there: not {what}, or one with "
                                      "files added; give a new or empty folder, or move it away (nothing was changed)")
    return [name for name in names if name != MARKER]


def write_folder(folder: str | Path, files: dict[str, str], what: str, executable: Iterable[str] = ()) -> Path:
    """Write ``files`` (name → text) into ``folder`` all at once: a new folder beside it,
    marked with :data:`MARKER`, swapped in. An existing folder is replaced only when
    :func:`owned_files` allows it, keeping its mode; then only the files it wrote are
    deleted. Returns the folder written (a symlink's folder)."""
    owned = owned_files(folder, what)
    target = check_folder(folder)
    before = os.stat(target) if owned is not None else None
    staging: Path | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}."))
        for name, text in files.items():
            (staging / name).write_text(text, encoding="utf-8")
        for name in executable:
            (staging / name).chmod(0o777 & ~current_umask())
        (staging / MARKER).write_text(f"legco-kg wrote this folder ({what}); it replaces it only while it holds "
                                      "nothing but these files:\n" + "".join(f"{n}\n" for n in sorted(files)),
                                      encoding="utf-8")
        os.chmod(staging, stat.S_IMODE(before.st_mode) if before else 0o777 & ~current_umask())
        owned = owned_files(folder, what)  # once more, just before the swap: the folder may have changed meanwhile
        if owned is None:
            os.rename(staging, target)
            return target
        aside = staging.with_name(staging.name + ".old")
        os.rename(target, aside)
        try:
            os.rename(staging, target)
        except BaseException:
            os.rename(aside, target)
            raise
        staging = None
        try:
            for name in [*owned, MARKER]:
                (aside / name).unlink(missing_ok=True)
            aside.rmdir()
        except OSError:
            pass  # someone put a file in it meanwhile: it stays, beside the new folder
        return target
    except BaseException as err:
        if staging is not None:
            for child in staging.iterdir():
                child.unlink()
            staging.rmdir()
        if isinstance(err, OSError) and not isinstance(err, OutputError):
            raise OutputError(folder, f"cannot write: {err.strerror or err}") from err
        raise


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
