"""Bounded reading of what the bench uploads (intake files, nwipe reports and
their zip archives), over the wizards and RPC alike.

Every limit is checked before the bytes are decoded or inflated: a zip's
headers are never trusted (members are read as bounded streams), a CSV or
XLSX is read row by row and stopped at the row limit, and every failure is a
UserError in the user's language that leaves the database as it was."""

import base64
import io
import json
import zipfile
import zlib

from odoo.exceptions import UserError

MAX_UPLOAD_BYTES = 20 * 1024 * 1024  # one uploaded file, or one RPC payload
MAX_REPORT_BYTES = 1024 * 1024  # one nwipe report
MAX_ZIP_MEMBERS = 2000  # reports in one archive
MAX_ZIP_BYTES = 64 * 1024 * 1024  # all the reports of one archive, inflated
MAX_COLUMNS = 64  # of an intake file


def check_size(env, name, size):
    """Refuse an upload larger than MAX_UPLOAD_BYTES (`size` in bytes)."""
    if size > MAX_UPLOAD_BYTES:
        raise UserError(
            env._(
                "%(name)s is too large (%(size)s MB; %(max)s MB at most).",
                name=name,
                size=round(size / 1024 / 1024, 1),
                max=MAX_UPLOAD_BYTES // 1024 // 1024,
            )
        )


def base64_size(data):
    """The decoded size of base64 `data`, without decoding it."""
    data = data or b""
    return len(data) * 3 // 4


def load_json(env, name, raw):
    """Parse one JSON report (bytes or text) of at most MAX_REPORT_BYTES."""
    if len(raw) > MAX_REPORT_BYTES:
        raise UserError(env._("%(name)s: file too large", name=name))
    try:
        if isinstance(raw, bytes):
            raw = raw.decode("utf-8")
        return json.loads(raw)
    except (UnicodeDecodeError, ValueError):
        raise UserError(env._("%(name)s: not a valid JSON report", name=name)) from None
    except RecursionError:
        raise UserError(
            env._("%(name)s: the JSON is nested too deeply", name=name)
        ) from None


def is_zip(raw):
    return raw[:4] == b"PK\x03\x04"


def zip_members(env, name, raw, suffix):
    """[(member name, bytes)] of the members of archive `raw` ending in
    `suffix`, each read as a stream of at most MAX_REPORT_BYTES, at most
    MAX_ZIP_MEMBERS of them and MAX_ZIP_BYTES in all, whatever the headers
    claim. A corrupt, encrypted or oversized archive is a UserError."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            members = [
                info
                for info in archive.infolist()
                if not info.is_dir() and info.filename.lower().endswith(suffix)
            ]
            if len(members) > MAX_ZIP_MEMBERS:
                raise UserError(
                    env._(
                        "%(name)s holds %(count)s reports; %(max)s at most per "
                        "archive.",
                        name=name,
                        count=len(members),
                        max=MAX_ZIP_MEMBERS,
                    )
                )
            result, total = [], 0
            for info in members:
                with archive.open(info) as stream:
                    data = stream.read(MAX_REPORT_BYTES + 1)
                if len(data) > MAX_REPORT_BYTES:
                    raise UserError(
                        env._("%(name)s: file too large", name=info.filename)
                    )
                total += len(data)
                if total > MAX_ZIP_BYTES:
                    raise UserError(
                        env._(
                            "%(name)s is too large once unpacked (%(max)s MB at "
                            "most).",
                            name=name,
                            max=MAX_ZIP_BYTES // 1024 // 1024,
                        )
                    )
                result.append((info.filename, data))
            return result
    except UserError:
        raise
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        zlib.error,
        EOFError,
        OSError,
        RuntimeError,  # encrypted members
        NotImplementedError,  # unknown compression
        ValueError,
    ):
        raise UserError(
            env._("%(name)s is not a readable zip archive.", name=name)
        ) from None


def read_json_attachments(env, attachments, empty_message):
    """[(file name, parsed JSON)] of uploaded reports (ir.attachment), zip
    archives unpacked, every size bounded before anything is decoded; every
    file's problem listed in one UserError."""
    reports, errors = [], []
    for attachment in attachments:
        try:
            check_size(env, attachment.name, attachment.file_size)
            raw = base64.b64decode(attachment.datas or b"")
            if is_zip(raw):
                members = zip_members(env, attachment.name, raw, ".json")
                if not members:
                    raise UserError(
                        env._(
                            "%(name)s: no JSON report in the archive",
                            name=attachment.name,
                        )
                    )
            else:
                members = [(attachment.name, raw)]
            for name, data in members:
                try:
                    reports.append((name, load_json(env, name, data)))
                except UserError as error:
                    errors.append(error.args[0])
        except UserError as error:
            errors.append(error.args[0])
    if errors:
        raise UserError("\n".join(errors))
    if not reports:
        raise UserError(empty_message)
    return reports
