"""Run by a Python that has LibreOffice's `uno` module (LibreOffice's own python on Windows, the
system python3 with python3-uno on Linux), not by the app: it must import nothing from `desktop`.

Usage: python lo_convert_script.py SOFFICE SOURCE.docx TARGET FILTER PROFILE_URL

LibreOffice does not refresh a document's indexes when it converts, so a plain --convert-to leaves
the 目次 with Word's placeholder. Here soffice is started on a private pipe with its own profile,
the document is loaded hidden, every index is updated (twice: the first update can move pages),
and only then is it stored as PDF or ODT.
"""

import os
import subprocess
import sys
import time

# `uno` exists only in LibreOffice's Python: imported inside the functions so that the app (which
# imports every module of the package in its architecture test) can import this file too.


def prop(name, value):
    from com.sun.star.beans import PropertyValue

    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def connect(soffice, profile_url, timeout=90):
    import uno
    from com.sun.star.connection import NoConnectException

    pipe = f"tripreport{os.getpid()}x{int(time.time() * 1000)}"
    proc = subprocess.Popen(
        [soffice, "--headless", "--invisible", "--nologo", "--norestore", "--nodefault", "--nolockcheck",
         f"-env:UserInstallation={profile_url}", f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.time() + timeout
    while True:
        try:
            ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            return proc, ctx
        except NoConnectException:
            if proc.poll() is not None or time.time() > deadline:
                proc.kill()
                raise SystemExit("LibreOffice did not start") from None
            time.sleep(0.1)


def main(argv):
    import uno

    soffice, source, target, filter_name, profile_url = argv[1:6]
    proc, ctx = connect(soffice, profile_url)
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    try:
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(source)), "_blank", 0,
                                           (prop("Hidden", True), prop("UpdateDocMode", 0)))
        if doc is None:
            raise SystemExit("LibreOffice could not open the document")
        for _ in range(2):
            indexes = doc.getDocumentIndexes()
            for i in range(indexes.getCount()):
                indexes.getByIndex(i).update()
        doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(target)), (prop("FilterName", filter_name),))
        doc.close(True)
    finally:
        try:
            desktop.terminate()
        except Exception:  # noqa: BLE001 - the bridge closes as the office quits
            pass
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
