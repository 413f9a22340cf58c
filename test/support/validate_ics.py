#!/usr/bin/python3
"""Validate iCalendar files with two independent parsers (ICAL.md section 3).

    /usr/bin/python3 test/support/validate_ics.py FILE_OR_DIR [FILE_OR_DIR ...]

A directory stands for every *.ics file in it (not recursive). Each file is checked with
  * vobject: readOne(text, validate=True), which rejects missing DTSTAMP/UID/PRODID,
    malformed lines, unclosed components and bad dates;
  * libical (ICalGLib): Component.new_from_string, then no X-LIC-ERROR property anywhere
    (libical reports unknown properties, bad lines and bad values that way).
Prints one line per file ("ok" or "FAIL" with the reasons) and exits 1 if any file failed,
2 if there was nothing to check or the parsers are missing.

Needs Debian's system python3 with the apt packages python3-vobject, gir1.2-ical-3.0 and
python3-gi (not a pyenv python: those packages install into /usr/lib/python3/dist-packages).
"""

import os
import sys


def load_parsers():
    try:
        import vobject  # noqa: F401
        import gi

        gi.require_version("ICalGLib", "3.0")
        from gi.repository import ICalGLib  # noqa: F401
    except (ImportError, ValueError) as error:
        sys.stderr.write(
            "validate_ics.py: %s\n"
            "Run it with /usr/bin/python3 after: apt-get install -y python3-vobject gir1.2-ical-3.0 python3-gi\n"
            % error
        )
        sys.exit(2)
    return vobject, ICalGLib


def collect(arguments):
    files = []
    for argument in arguments:
        if os.path.isdir(argument):
            files.extend(
                sorted(
                    os.path.join(argument, name)
                    for name in os.listdir(argument)
                    if name.endswith(".ics") and os.path.isfile(os.path.join(argument, name))
                )
            )
        else:
            files.append(argument)
    return files


def check_vobject(vobject, text):
    try:
        vobject.readOne(text, validate=True)
    except Exception as error:  # vobject raises many unrelated exception types
        return ["vobject: %s: %s" % (type(error).__name__, str(error).strip() or repr(error))]
    return []


def libical_errors(ICalGLib, component):
    """Every X-LIC-ERROR value in a component and, recursively, its subcomponents."""
    errors = []
    prop = component.get_first_property(ICalGLib.PropertyKind.XLICERROR_PROPERTY)
    while prop is not None:
        errors.append("%s: %s" % (ICalGLib.Component.kind_to_string(component.isa()), prop.get_xlicerror()))
        prop = component.get_next_property(ICalGLib.PropertyKind.XLICERROR_PROPERTY)
    child = component.get_first_component(ICalGLib.ComponentKind.ANY_COMPONENT)
    while child is not None:
        errors.extend(libical_errors(ICalGLib, child))
        child = component.get_next_component(ICalGLib.ComponentKind.ANY_COMPONENT)
    return errors


def check_libical(ICalGLib, text):
    try:
        component = ICalGLib.Component.new_from_string(text)
    except TypeError:  # PyGObject raises this when the C constructor returns NULL (e.g. unclosed)
        component = None
    if component is None:
        return ["libical: could not parse the calendar"]
    if component.isa() != ICalGLib.ComponentKind.VCALENDAR_COMPONENT:
        return ["libical: top-level component is %s, not VCALENDAR" % ICalGLib.Component.kind_to_string(component.isa())]
    return ["libical: X-LIC-ERROR " + error for error in libical_errors(ICalGLib, component)]


def check_file(vobject, ICalGLib, path):
    with open(path, "rb") as handle:
        raw = handle.read()
    if raw.startswith(b"\xef\xbb\xbf"):
        return ["starts with a UTF-8 byte order mark"]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return ["not valid UTF-8: %s" % error]
    return check_vobject(vobject, text) + check_libical(ICalGLib, text)


def main(arguments):
    if not arguments:
        sys.stderr.write(__doc__)
        return 2
    vobject, ICalGLib = load_parsers()
    files = collect(arguments)
    if not files:
        sys.stderr.write("validate_ics.py: no .ics files in %s\n" % ", ".join(arguments))
        return 2
    failed = 0
    for path in files:
        try:
            problems = check_file(vobject, ICalGLib, path)
        except OSError as error:
            problems = ["cannot read: %s" % error]
        if problems:
            failed += 1
            print("FAIL %s: %s" % (path, "; ".join(problems)))
        else:
            print("ok   %s" % path)
    print("%d file(s) checked, %d failed" % (len(files), failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
