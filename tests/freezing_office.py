"""A real LibreOffice that hangs or crashes on the document asked, for the converter's tests.

A converter started with ``office=[python, this file, soffice]`` runs this script in its own
process group. It starts the real LibreOffice on a spool folder of its own and passes the
converter's files through, both ways. When LibreOffice takes up a document whose name contains
``freeze``, the whole group (LibreOffice and this relay) is stopped with SIGSTOP: a LibreOffice
frozen in the middle of a conversion. ``crash`` kills the group with SIGKILL instead.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

outer = Path(os.environ["HOSO_SPOOL"])
inner = outer.with_name("relayed-spool")
shutil.rmtree(inner, ignore_errors=True)  # what the office before this one left
inner.mkdir()
office = subprocess.Popen(sys.argv[1:], env={**os.environ, "HOSO_SPOOL": str(inner)})
while office.poll() is None:
    for item in list(outer.iterdir()):
        if item.suffix in (".job", ""):  # a job, or "stop"
            # The job's first line is the document's URL; its last segment is the file name.
            name = item.read_text(encoding="ascii").splitlines()[0].rsplit("/", 1)[-1] if item.suffix else ""
            os.replace(item, inner / item.name)
            for word, sig in (("freeze", signal.SIGSTOP), ("crash", signal.SIGKILL)):
                if word in name:
                    while (inner / item.name).exists():  # until LibreOffice has taken the job up
                        time.sleep(0.001)
                    os.killpg(0, sig)
    for item in list(inner.iterdir()):
        if item.suffix in (".ok", ".err", ".ready"):
            os.replace(item, outer / item.name)
    time.sleep(0.001)
sys.exit(office.returncode)
