"""Old Word (.doc) and WPS (.wps) files: converted with LibreOffice when it is installed.

Many agencies still keep last year's report as .doc or .wps. We cannot read those binary formats
ourselves; if `soffice` is on the machine we let it convert to .docx in a private temp folder (with its
own profile, so an open LibreOffice window does not block it, and with a timeout, so a hung conversion
does not hang the app). Without it the clerk is told how to convert by hand.

Files are sniffed by content, not by name: a ".doc" that is really a .docx or a saved web page (a common
"Word export" of web systems) is passed on as what it is.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from model.errors import UnsupportedDoc
from model.importers.safety import sniff

TIMEOUT_S = 90
HOW_TO = "请在Word或WPS中另存为.docx后再导入。"


def find_soffice() -> str | None:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for candidate in (
        r"C:\Program Files\LibreOffice\program\soffice.exe",
        r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
        "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    ):
        if os.path.exists(candidate):
            return candidate
    return None


def convert_legacy(path: str | os.PathLike[str]) -> Path:
    """A readable copy of `path` (.docx or .html) in a new temp folder; raise `UnsupportedDoc` otherwise."""
    p = Path(path)
    kind = sniff(p)
    if kind in ("zip", "html"):
        # Mislabelled: hand it on under the right extension.
        out_dir = Path(tempfile.mkdtemp(prefix="nianbao-import-"))
        target = out_dir / (p.stem + (".docx" if kind == "zip" else ".html"))
        shutil.copyfile(p, target)
        return target
    soffice = find_soffice()
    if soffice is None:
        raise unsupported("这是旧版Word（.doc）或WPS（.wps）格式的文件，本机没有安装LibreOffice，无法自动转换。", p)
    out_dir = Path(tempfile.mkdtemp(prefix="nianbao-import-"))
    # LibreOffice picks the import filter from the extension; give an OLE file a .doc name.
    source = out_dir / ("source" + (p.suffix.lower() if p.suffix.lower() in (".doc", ".wps", ".rtf") else ".doc"))
    shutil.copyfile(p, source)
    profile = (out_dir / "profile").as_uri()
    cmd = [
        soffice,
        f"-env:UserInstallation={profile}",
        "--headless",
        "--norestore",
        "--convert-to",
        "docx",
        "--outdir",
        str(out_dir),
        str(source),
    ]
    try:
        subprocess.run(
            cmd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=TIMEOUT_S,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise unsupported("自动转换为.docx超时，没有完成。", p) from exc
    except OSError as exc:
        raise unsupported("无法启动LibreOffice自动转换这个文件。", p) from exc
    result = out_dir / (source.stem + ".docx")
    if not result.exists() or result.stat().st_size == 0:
        raise unsupported("这个文件无法自动转换为.docx（可能已损坏或加了密码）。", p)
    return result


def unsupported(what: str, path: Path) -> UnsupportedDoc:
    """The instruction is part of the message itself, so every surface that shows only the message has it."""
    return UnsupportedDoc(what + HOW_TO, "", path=str(path))
