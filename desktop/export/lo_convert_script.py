"""Run by a Python that has LibreOffice's `uno` module (LibreOffice's own python on Windows, the
system python3 with python3-uno on Linux), not by the app: it must import nothing from `desktop`.

Usage: python lo_convert_script.py SOFFICE SOURCE.docx TARGET FILTER PROFILE_URL [LOCK_FD]

LibreOffice does not refresh a document's indexes when it converts, so a plain --convert-to leaves
the 目次 with Word's placeholder. Here soffice is started on a private pipe with its profile, the
document is loaded hidden, every index is updated once (an index update inserts the entries, lays
the document out again and only then writes the page numbers, so a 目次 that grows to three pages
still points at the right pages), and only then is it stored as PDF or ODT. The exit code says what
went wrong (EXIT_*); libreoffice.py turns it into a message.

LOCK_FD is an inherited descriptor holding the profile's lock (lo_profiles.py). soffice inherits it
too, so once the file is stored and soffice has agreed to quit, this script exits without waiting
for it: the profile stays locked until soffice is gone, and the user does not wait for its shutdown.
"""

import os
import subprocess
import sys
import time

EXIT_NOT_STARTED = 3  # soffice did not answer on its pipe
EXIT_NOT_OPENED = 4  # it could not load the .docx
EXIT_NOT_STORED = 5  # it could not write the converted file
EXIT_NO_UNO = 6  # this python has no working uno module
EXIT_OFFICE_KILLED = 7  # soffice was ended from outside (SIGKILL, SIGTERM: the system short of memory, a user)
EXIT_OFFICE_CRASHED = 8  # soffice ended abnormally by itself

# `uno` exists only in LibreOffice's Python: imported inside the functions so that the app (which
# imports every module of the package in its architecture test) can import this file too.


def prop(name, value):
    from com.sun.star.beans import PropertyValue

    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def connect(soffice, profile_url, lock_fd=None, timeout=90):
    import uno
    from com.sun.star.connection import NoConnectException

    pipe = f"tripreport{os.getpid()}x{int(time.time() * 1000)}"
    proc = subprocess.Popen(
        [soffice, "--headless", "--invisible", "--nologo", "--norestore", "--nodefault", "--nolockcheck",
         f"-env:UserInstallation={profile_url}", f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, pass_fds=(lock_fd,) if lock_fd is not None else ())
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
                sys.exit(EXIT_NOT_STARTED)
            time.sleep(0.02)


def main(argv):
    try:
        import uno
    except ImportError:
        return EXIT_NO_UNO

    soffice, source, target, filter_name, profile_url = argv[1:6]
    lock_fd = int(argv[6]) if len(argv) > 6 else None
    proc, ctx = connect(soffice, profile_url, lock_fd)
    try:
        return convert(uno, proc, ctx, source, target, filter_name, wait_for_quit=lock_fd is None)
    except Exception:
        if proc.poll() is None:
            raise
        # The office died under the bridge: say how, rather than the bridge's DisposedException.
        return EXIT_OFFICE_KILLED if proc.returncode in (-9, -15, 137, 143) else EXIT_OFFICE_CRASHED


def convert(uno, proc, ctx, source, target, filter_name, wait_for_quit=True):
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    try:
        try:
            doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(source)), "_blank", 0,
                                               (prop("Hidden", True), prop("UpdateDocMode", 0)))
        except Exception:  # noqa: BLE001 - an IOException or IllegalArgumentException over the bridge
            if proc.poll() is not None:
                raise
            doc = None
        if doc is None:
            return EXIT_NOT_OPENED
        indexes = doc.getDocumentIndexes()
        for i in range(indexes.getCount()):
            indexes.getByIndex(i).update()
        try:
            doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(target)), (prop("FilterName", filter_name),))
        except Exception:  # noqa: BLE001 - an IOException over the bridge: disk full, bad filter
            if proc.poll() is not None:
                raise
            return EXIT_NOT_STORED
        doc.close(True)
    finally:
        try:
            quitting = desktop.terminate()
        except Exception:  # noqa: BLE001 - the bridge closes as the office quits
            quitting = True
        if wait_for_quit or not quitting:
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
    return 0


def run(argv):
    """main(), then an immediate exit: interpreter teardown while soffice is still quitting can
    crash in pyuno's bridge threads (a segfault after the file was written, about one run in 15)."""
    try:
        code = main(argv)
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else 1
    except BaseException:  # noqa: BLE001 - printed for the app to show its last line
        import traceback

        traceback.print_exc()
        code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    run(sys.argv)
