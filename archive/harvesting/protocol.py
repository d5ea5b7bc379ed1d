"""The OAI-PMH requests: which arguments each verb takes, and the errors the
protocol defines for everything else (section 3.6 of the specification).

`parse` turns the request's arguments into a Request or raises OaiError; a bad
datestamp, a repeated or unknown argument, or a resumption token beside other
arguments is a badArgument, a missing or unknown verb a badVerb. Errors are
answered with HTTP 200 and an <error> element, as the protocol requires.
"""

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.core import signing

# verb: (required arguments, optional arguments, the exclusive argument)
VERBS = {
    "Identify": ((), (), None),
    "ListMetadataFormats": ((), ("identifier",), None),
    "ListSets": ((), (), "resumptionToken"),
    "GetRecord": (("identifier", "metadataPrefix"), (), None),
    "ListIdentifiers": (("metadataPrefix",), ("from", "until", "set"), "resumptionToken"),
    "ListRecords": (("metadataPrefix",), ("from", "until", "set"), "resumptionToken"),
}
DAY_FORMAT, SECOND_FORMAT = "%Y-%m-%d", "%Y-%m-%dT%H:%M:%SZ"
GRANULARITY = "YYYY-MM-DDThh:mm:ssZ"
DATESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}Z)?")
# setSpec syntax (the protocol's XML schema): unreserved URI characters, colon-separated.
SET_SPEC = re.compile(r"[A-Za-z0-9\-_.!~*'()]+(:[A-Za-z0-9\-_.!~*'()]+)*")
TOKEN_SALT = "archive.harvesting.resumption"


class OaiError(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code, self.message = code, message


@dataclass
class Request:
    verb: str
    arguments: dict[str, str]
    # From a resumption token: where the previous page stopped, and the list's size.
    after: tuple[datetime, int] | None = None
    cursor: int = 0
    size: int | None = None
    options: dict = field(default_factory=dict)

    def get(self, name: str) -> str:
        return self.arguments.get(name, "")


def parse(params: dict[str, list[str]]) -> Request:
    """The request, checked against the verb's arguments; raises OaiError."""
    verbs = params.get("verb", [])
    if len(verbs) != 1 or verbs[0] not in VERBS:
        shown = verbs[0][:40] if len(verbs) == 1 else ("several verbs" if verbs else "no verb")
        raise OaiError("badVerb", f"“{shown}” is not an OAI-PMH verb ({', '.join(VERBS)}).")
    verb = verbs[0]
    required, optional, exclusive = VERBS[verb]
    arguments = {name: values for name, values in params.items() if name != "verb"}
    if repeated := sorted(name for name, values in arguments.items() if len(values) > 1):
        raise OaiError("badArgument", f"Repeated argument: {', '.join(repeated)}.")
    arguments = {name: values[0] for name, values in arguments.items()}
    allowed = {*required, *optional, *([exclusive] if exclusive else [])}
    if unknown := sorted(set(arguments) - allowed):
        raise OaiError("badArgument", f"{verb} does not take {', '.join(unknown)[:80]}.")
    if exclusive and exclusive in arguments:
        if len(arguments) > 1:
            raise OaiError("badArgument", f"{exclusive} is an exclusive argument.")
        return resume(verb, arguments[exclusive])
    if missing := [name for name in required if not arguments.get(name)]:
        raise OaiError("badArgument", f"{verb} needs {', '.join(missing)}.")
    request = Request(verb, arguments)
    check_range(request)
    if "set" in arguments and not SET_SPEC.fullmatch(arguments["set"]):
        raise OaiError("badArgument", "set: not a setSpec.")
    return request


def _datestamp(name: str, value: str) -> tuple[datetime, timedelta]:
    """The instant a from/until argument names, and its granularity."""
    if not DATESTAMP.fullmatch(value):
        raise OaiError("badArgument", f"{name}: “{value[:30]}” is not YYYY-MM-DD or {GRANULARITY}.")
    day = len(value) == 10
    try:
        moment = datetime.strptime(value, DAY_FORMAT if day else SECOND_FORMAT)
    except ValueError:
        raise OaiError("badArgument", f"{name}: “{value}” is not a date.") from None
    return moment.replace(tzinfo=UTC), timedelta(days=1) if day else timedelta(seconds=1)


def check_range(request: Request) -> None:
    """Set the request's datestamp range: [from, until + its granularity)."""
    start = end = None
    if value := request.arguments.get("from"):
        start, start_step = _datestamp("from", value)
    if value := request.arguments.get("until"):
        until, end_step = _datestamp("until", value)
        end = until + end_step
        if start and start_step != end_step:
            raise OaiError("badArgument", "from and until must have the same granularity.")
        if start and start > until:
            raise OaiError("badArgument", "from is later than until.")
    request.options.update(start=start, end=end)


def token(request: Request, after: tuple[str, int], cursor: int, size: int) -> str:
    """An opaque, signed resumption token: the original arguments and where this page stopped."""
    payload = {"v": request.verb, "a": request.arguments, "at": after, "c": cursor, "n": size}
    return signing.dumps(payload, salt=TOKEN_SALT, compress=True)


def resume(verb: str, value: str) -> Request:
    try:
        payload = signing.loads(value, salt=TOKEN_SALT)
        if payload["v"] != verb:
            raise ValueError("another verb's token")
        moment, last = payload["at"]
        request = Request(
            verb,
            dict(payload["a"]),
            after=(datetime.fromisoformat(moment), int(last)),
            cursor=int(payload["c"]),
            size=int(payload["n"]),
        )
        check_range(request)
    except (signing.BadSignature, ValueError, KeyError, TypeError, OaiError):
        raise OaiError("badResumptionToken", "The resumption token is not valid.") from None
    return request
